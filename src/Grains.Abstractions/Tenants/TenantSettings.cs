namespace Switchboard.Grains.Tenants;

/// <summary>
/// What an operator sets on a tenant. <see cref="SipDomain"/> is also the digest realm of its extensions
/// (RFC 3261 §22.1), so changing it invalidates every stored HA1. <see cref="AccountId"/> pays for the tenant's
/// calls unless an extension names its own account.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TenantSettings")]
public sealed record TenantSettings(
    [property: Id(0)] string Name,
    [property: Id(1)] string SipDomain,
    [property: Id(2)] TenantStatus Status,
    [property: Id(3)] string AccountId,
    [property: Id(4)] TenantPolicies Policies);
