using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>A tenant as the API shows it: settings, trunks (never their passwords) and DIDs.</summary>
public sealed record TenantView(
    string TenantId,
    string Name,
    string SipDomain,
    TenantStatus Status,
    string AccountId,
    PoliciesView Policies,
    IReadOnlyList<TrunkView> Trunks,
    IReadOnlyList<Did> Dids,
    long Version)
{
    public static TenantView From(TenantSnapshot s) =>
        new(s.TenantId, s.Settings.Name, s.Settings.SipDomain, s.Settings.Status, s.Settings.AccountId,
            PoliciesView.From(s.Settings.Policies), [.. s.Trunks.Select(TrunkView.From)], s.Dids, s.Version);
}
