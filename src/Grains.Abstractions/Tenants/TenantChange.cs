namespace Switchboard.Grains.Tenants;

/// <summary>An operator's change of an existing tenant: the settings it names, and the policies it names merged into the stored ones.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TenantChange")]
public sealed record TenantChange(
    [property: Id(0)] string Name,
    [property: Id(1)] string SipDomain,
    [property: Id(2)] TenantStatus Status,
    [property: Id(3)] string AccountId,
    [property: Id(4)] TenantPoliciesPatch Policies);
