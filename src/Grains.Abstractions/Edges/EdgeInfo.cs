namespace Switchboard.Grains.Edges;

/// <summary>
/// What an edge announces when it subscribes: its id and the SIP addresses other edges can reach it on, so an
/// edge that owns a call can send a request through the edge that holds a phone's flow (NAT pinhole, TCP/TLS
/// connection) as an ordinary SIP hop with a Route header (RFC 3261 §16.12, RFC 3327).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.EdgeInfo")]
public sealed record EdgeInfo(
    [property: Id(0)] string EdgeId,
    [property: Id(1)] IReadOnlyList<TransportAddress> SipAddresses,
    [property: Id(2)] DateTimeOffset StartedAt);
