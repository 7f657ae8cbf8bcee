using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// POST /api/v1/tenants (with <see cref="TenantId"/>) and PUT /api/v1/tenants/{tenantId} (without). The SIP domain
/// is also the digest realm: changing it invalidates the extensions' stored HA1, so their passwords must be set again.
/// <see cref="Policies"/> merge: on PUT, absent keeps the stored policies and absent members keep theirs.
/// </summary>
public sealed record TenantRequest(string? TenantId, string? Name, string? SipDomain, string? AccountId, string? Status, PoliciesRequest? Policies)
{
    /// <summary>A new tenant: absent policies take <see cref="TenantPolicies.Default"/>.</summary>
    public TenantSettings? ToSettings(FieldErrors errors) =>
        ToChange(errors, create: true) is { } change
            ? new TenantSettings(change.Name, change.SipDomain, change.Status, change.AccountId, change.Policies.ApplyTo(TenantPolicies.Default))
            : null;

    public TenantChange? ToChange(FieldErrors errors, bool create)
    {
        if (create)
        {
            errors.Identifier("tenantId", TenantId);
        }
        else if (TenantId is not null)
        {
            errors.Add("tenantId", "is taken from the URL; leave it out.");
        }

        errors.Text("name", Name, 100);
        if (errors.Required("sipDomain", SipDomain) && (SipDomain!.Length > 253 || !Uri.CheckHostName(SipDomain).Equals(UriHostNameType.Dns)))
        {
            errors.Add("sipDomain", "must be a DNS host name such as pbx.example.com.");
        }

        errors.Identifier("accountId", AccountId, 64);
        TenantStatus? status = Status switch
        {
            null or "active" => TenantStatus.Active,
            "suspended" => TenantStatus.Suspended,
            _ => null,
        };
        if (status is null)
        {
            errors.Add("status", "must be 'active' or 'suspended'.");
        }

        var policies = Policies?.ToPatch(errors, "policies.") ?? TenantPoliciesPatch.None;
        return errors.IsEmpty ? new TenantChange(Name!.Trim(), SipDomain!.ToLowerInvariant(), status!.Value, AccountId!, policies) : null;
    }
}
