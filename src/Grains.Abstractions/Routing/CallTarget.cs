using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Routing;

/// <summary>
/// One place to send a callee leg's INVITE.
/// For a binding: <see cref="RequestUri"/> is the registered Contact, <see cref="Destination"/> the address the
/// REGISTER came from (send there, not to the Contact host, for NAT; RFC 5626 §5.3 spirit), <see cref="Path"/>
/// the stored Path to put in Route (RFC 3327 §5.3), and <see cref="FlowEdgeId"/> the edge that holds the
/// phone's flow (TCP/TLS connection or NAT pinhole): when it is not the sending edge, route through it.
/// For a trunk: <see cref="RequestUri"/> is <c>sip:&lt;rewritten number&gt;@host:port</c>, <see cref="Destination"/>
/// the trunk's host, <see cref="TrunkId"/> lets the edge fetch credentials for a 401/407
/// (<c>ITenantGrain.GetTrunkCredentials</c>), <see cref="RelayMedia"/> false for signalling-only trunks.
/// <see cref="CallerNumber"/>, when set, is the user part of the leg's From instead of the caller's own number, and
/// <see cref="Headers"/> go into the leg's INVITE as they are: an emergency call presents its callback number and
/// location this way (docs/call-control.md, emergency calls).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallTarget")]
public sealed record CallTarget(
    [property: Id(0)] int Index,
    [property: Id(1)] TargetKind Kind,
    [property: Id(2)] string RequestUri,
    [property: Id(3)] string CalleeNumber,
    [property: Id(4)] TransportAddress Destination,
    [property: Id(5)] IReadOnlyList<string> Path,
    [property: Id(6)] string? FlowEdgeId,
    [property: Id(7)] string? TrunkId,
    [property: Id(8)] bool RelayMedia,
    [property: Id(9)] string? CallerNumber = null,
    [property: Id(10)] IReadOnlyList<LegHeader>? Headers = null);
