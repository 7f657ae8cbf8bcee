namespace Switchboard.Grains.Calls;

/// <summary>
/// A response the edge received on a callee leg's INVITE: provisional (101-199 with a To tag), 2xx or a
/// final failure. <see cref="RemoteTag"/>, <see cref="RemoteTarget"/> (Contact) and <see cref="RouteSet"/>
/// (Record-Route reversed, RFC 3261 §12.1.2) establish the leg's dialog; <see cref="Sdp"/> is the answer or
/// early-media SDP.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LegResponse")]
public sealed record LegResponse(
    [property: Id(0)] string LegCallId,
    [property: Id(1)] int Status,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? RemoteTag,
    [property: Id(4)] string? RemoteTarget,
    [property: Id(5)] IReadOnlyList<string>? RouteSet,
    [property: Id(6)] string? Sdp);
