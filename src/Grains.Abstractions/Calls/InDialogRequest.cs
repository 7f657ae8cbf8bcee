namespace Switchboard.Grains.Calls;

/// <summary>
/// An in-dialog request other than BYE/ACK (re-INVITE, UPDATE, INFO, REFER, OPTIONS, NOTIFY) that arrived on
/// leg <see cref="LegCallId"/> at edge <see cref="EdgeId"/>, possibly one that never saw the call. For target
/// refresh requests (re-INVITE, UPDATE; RFC 3261 §12.2.2) <see cref="RemoteTarget"/> is the new Contact.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.InDialogRequest")]
public sealed record InDialogRequest(
    [property: Id(0)] string LegCallId,
    [property: Id(1)] string Method,
    [property: Id(2)] long CSeq,
    [property: Id(3)] string EdgeId,
    [property: Id(4)] Edges.TransportAddress Source,
    [property: Id(5)] string? RemoteTarget,
    [property: Id(6)] string? Sdp);
