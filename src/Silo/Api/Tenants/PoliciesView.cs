using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>Tenant policies in whole seconds, the same shape as <see cref="PoliciesRequest"/>.</summary>
public sealed record PoliciesView(int RingTimeoutSeconds, int MaxCallDurationSeconds, bool OutboundAllowed)
{
    public static PoliciesView From(TenantPolicies p) =>
        new((int)p.RingTimeout.TotalSeconds, (int)p.MaxCallDuration.TotalSeconds, p.OutboundAllowed);
}
