using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// A tenant as the API shows it: settings, trunks (never their passwords), DIDs and the URL of its fraud webhook
/// (never its secret).
/// </summary>
public sealed record TenantView(
    string TenantId,
    string Name,
    string SipDomain,
    TenantStatus Status,
    string AccountId,
    PoliciesView Policies,
    IReadOnlyList<TrunkView> Trunks,
    IReadOnlyList<Did> Dids,
    Uri? FraudWebhookUrl,
    long Version)
{
    /// <summary>The tenant as <paramref name="caller"/> may see it (<see cref="TrunkView.From"/>).</summary>
    public static TenantView From(TenantSnapshot s, ApiCaller caller) =>
        new(s.TenantId, s.Settings.Name, s.Settings.SipDomain, s.Settings.Status, s.Settings.AccountId,
            PoliciesView.From(s.Settings.Policies, s.OutboundBlock), [.. s.Trunks.Select(t => TrunkView.From(t, caller))], s.Dids, s.FraudWebhookUrl, s.Version);
}
