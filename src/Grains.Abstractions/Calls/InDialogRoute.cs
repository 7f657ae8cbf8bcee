namespace Switchboard.Grains.Calls;

/// <summary>
/// Where to forward an in-dialog request: the peer leg's dialog with <see cref="CSeq"/> allocated for the
/// forwarded request. When <see cref="Status"/> is non-zero the edge answers the request with it instead
/// (481 Call/Transaction Does Not Exist for an unknown or ended leg, RFC 3261 §12.2.2; 500 for a CSeq lower
/// than the last one seen).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.InDialogRoute")]
public sealed record InDialogRoute(
    [property: Id(0)] int Status,
    [property: Id(1)] string Reason,
    [property: Id(2)] LegDialog? Peer,
    [property: Id(3)] long CSeq)
{
    public static InDialogRoute Refuse(int status, string reason) => new(status, reason, null, 0);
}
