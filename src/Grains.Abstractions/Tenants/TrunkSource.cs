namespace Switchboard.Grains.Tenants;

/// <summary>The tenant and trunk an inbound source address belongs to.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TrunkSource")]
public sealed record TrunkSource(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string TrunkId);
