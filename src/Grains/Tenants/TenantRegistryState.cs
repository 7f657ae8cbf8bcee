namespace Switchboard.Grains.Tenants;

/// <summary>Persisted tenant ids, ordinal-sorted (state name <c>tenant-registry</c>).</summary>
[GenerateSerializer]
public sealed class TenantRegistryState
{
    [Id(0)]
    public List<string> TenantIds { get; set; } = [];
}
