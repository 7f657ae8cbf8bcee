using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The dialog state of one leg as the B2BUA's user agent on that leg sees it (RFC 3261 §12): enough for any
/// edge to build an in-dialog request on the leg. "Local" is our side, "remote" the phone or carrier.
/// <see cref="EdgeId"/> is the edge whose transaction layer owns the leg; <see cref="RemoteAddress"/> is where
/// the peer's packets really come from (received address, RFC 3581).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LegDialog")]
public sealed record LegDialog(
    [property: Id(0)] string LegCallId,
    [property: Id(1)] LegRole Role,
    [property: Id(2)] string LocalTag,
    [property: Id(3)] string? RemoteTag,
    [property: Id(4)] string LocalUri,
    [property: Id(5)] string RemoteUri,
    [property: Id(6)] long LocalCSeq,
    [property: Id(7)] long RemoteCSeq,
    [property: Id(8)] string RemoteTarget,
    [property: Id(9)] IReadOnlyList<string> RouteSet,
    [property: Id(10)] string EdgeId,
    [property: Id(11)] TransportAddress RemoteAddress,
    [property: Id(12)] string? RemoteSdp,
    [property: Id(13)] string? LocalSdp);
