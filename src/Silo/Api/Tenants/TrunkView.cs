using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>A trunk as listed: the digest user name but never the password; the digest algorithms in force.</summary>
public sealed record TrunkView(
    string TrunkId,
    string Host,
    int Port,
    SipTransport Transport,
    string? Username,
    IReadOnlyList<NumberRewriteRule> Rewrites,
    int Priority,
    bool SignallingOnly,
    string? CarrierCostPlanId,
    IReadOnlyList<string> InboundSources,
    bool Enabled,
    IReadOnlyList<string> DigestAlgorithms)
{
    public static TrunkView From(Trunk t) =>
        new(t.TrunkId, t.Host, t.Port, t.Transport, t.Username, t.Rewrites, t.Priority, t.SignallingOnly, t.CarrierCostPlanId, t.InboundSources, t.Enabled,
            DigestPolicy.Format(DigestPolicy.Resolve(t.DigestAlgorithms)));
}
