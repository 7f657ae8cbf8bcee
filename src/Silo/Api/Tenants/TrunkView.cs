using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>A trunk as listed: the digest user name but never the password.</summary>
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
    bool Enabled)
{
    public static TrunkView From(Trunk t) =>
        new(t.TrunkId, t.Host, t.Port, t.Transport, t.Username, t.Rewrites, t.Priority, t.SignallingOnly, t.CarrierCostPlanId, t.InboundSources, t.Enabled);
}
