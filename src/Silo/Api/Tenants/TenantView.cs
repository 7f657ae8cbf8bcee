using Switchboard.Grains.Tenants;

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
    public static TenantView From(TenantSnapshot s) =>
        new(s.TenantId, s.Settings.Name, s.Settings.SipDomain, s.Settings.Status, s.Settings.AccountId,
            PoliciesView.From(s.Settings.Policies, s.OutboundBlock), [.. s.Trunks.Select(TrunkView.From)], s.Dids, s.FraudWebhookUrl, s.Version);
}
