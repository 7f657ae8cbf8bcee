namespace Switchboard.Grains.Tenants;

/// <summary>
/// An operator's stop on a tenant's outbound calls (toll fraud, unpaid bills). It overrides the tenant's own
/// <see cref="TenantPolicies.OutboundAllowed"/>, and only an operator sets or lifts it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.OutboundBlock")]
public sealed record OutboundBlock(
    [property: Id(0)] string Reason,
    [property: Id(1)] DateTimeOffset BlockedAt);
