using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>Tenant call policies in whole seconds; absent members keep <see cref="TenantPolicies.Default"/>.</summary>
public sealed record PoliciesRequest(int? RingTimeoutSeconds, int? MaxCallDurationSeconds, bool? OutboundAllowed)
{
    public TenantPolicies ToPolicies(FieldErrors errors, string prefix)
    {
        var d = TenantPolicies.Default;
        if (RingTimeoutSeconds is < 1 or > 600)
        {
            errors.Add(prefix + "ringTimeoutSeconds", "must be from 1 to 600.");
        }

        if (MaxCallDurationSeconds is < 1 or > 86400)
        {
            errors.Add(prefix + "maxCallDurationSeconds", "must be from 1 to 86400.");
        }

        return new TenantPolicies(
            RingTimeoutSeconds is { } ring ? TimeSpan.FromSeconds(ring) : d.RingTimeout,
            MaxCallDurationSeconds is { } max ? TimeSpan.FromSeconds(max) : d.MaxCallDuration,
            OutboundAllowed ?? d.OutboundAllowed);
    }
}
