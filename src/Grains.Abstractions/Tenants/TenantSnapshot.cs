namespace Switchboard.Grains.Tenants;

/// <summary>A tenant's configuration without secrets. <see cref="Version"/> grows with every change.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TenantSnapshot")]
public sealed record TenantSnapshot(
    [property: Id(0)] string TenantId,
    [property: Id(1)] TenantSettings Settings,
    [property: Id(2)] IReadOnlyList<Trunk> Trunks,
    [property: Id(3)] IReadOnlyList<Did> Dids,
    [property: Id(4)] long Version);
