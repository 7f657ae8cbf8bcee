using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tenants;

/// <summary>
/// A carrier interconnect of a tenant. Outbound calls try enabled trunks by ascending <see cref="Priority"/>
/// (failover on 5xx, 408 or no answer from the carrier). <see cref="InboundSources"/> are the IP addresses or
/// CIDR ranges the carrier sends from: an INVITE from one of them is inbound from this trunk.
/// <see cref="SignallingOnly"/> skips the RTP relay. <see cref="Username"/> is the digest user for the
/// carrier's 401/407; the password is kept apart (<see cref="TrunkCredentials"/>) and never in this record.
/// <see cref="Port"/> 0 means none was configured: the edge then locates the carrier's servers through DNS SRV
/// (<c>_sip._udp</c>, <c>_sip._tcp</c> or <c>_sips._tcp</c> for the <see cref="Transport"/>, RFC 3263 §4.2), falling back
/// to A/AAAA on 5060 (5061 for TLS); a non-zero port means A/AAAA of <see cref="Host"/> only.
/// <see cref="DigestAlgorithms"/>: which of the carrier's challenges the edge may answer, in order of preference
/// (null: MD5 only, <see cref="Extensions.DigestPolicy"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.Trunk")]
public sealed record Trunk(
    [property: Id(0)] string TrunkId,
    [property: Id(1)] string Host,
    [property: Id(2)] int Port,
    [property: Id(3)] SipTransport Transport,
    [property: Id(4)] string? Username,
    [property: Id(5)] IReadOnlyList<NumberRewriteRule> Rewrites,
    [property: Id(6)] int Priority,
    [property: Id(7)] bool SignallingOnly,
    [property: Id(8)] string? CarrierCostPlanId,
    [property: Id(9)] IReadOnlyList<string> InboundSources,
    [property: Id(10)] bool Enabled,
    [property: Id(11)] IReadOnlyList<Extensions.DigestAlgorithm>? DigestAlgorithms = null);
