using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// POST /api/v1/tenants (with <see cref="TenantId"/>) and PUT /api/v1/tenants/{tenantId} (without). The SIP domain
/// is also the digest realm: changing it invalidates the extensions' stored HA1, so their passwords must be set again.
/// </summary>
public sealed record TenantRequest(string? TenantId, string? Name, string? SipDomain, string? AccountId, string? Status, PoliciesRequest? Policies)
{
    public TenantSettings? ToSettings(FieldErrors errors, bool create)
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

        var policies = (Policies ?? new PoliciesRequest(null, null, null, null)).ToPolicies(errors, "policies.");
        return errors.IsEmpty ? new TenantSettings(Name!.Trim(), SipDomain!.ToLowerInvariant(), status!.Value, AccountId!, policies) : null;
    }
}
