using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// A trunk as listed: the digest user name but never the password; the digest algorithms in force. A key bound to
/// a tenant does not see <see cref="CarrierCostPlanId"/> (null): what the carrier charges is the operator's business.
/// </summary>
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
    public static TrunkView From(Trunk t, ApiCaller caller) =>
        new(t.TrunkId, t.Host, t.Port, t.Transport, t.Username, t.Rewrites, t.Priority, t.SignallingOnly,
            caller.TenantId is null ? t.CarrierCostPlanId : null, t.InboundSources, t.Enabled,
            DigestPolicy.Format(DigestPolicy.Resolve(t.DigestAlgorithms)));
}
