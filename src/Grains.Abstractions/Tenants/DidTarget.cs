namespace Switchboard.Grains.Tenants;

/// <summary>Where a DID rings: the tenant and the extension number within it.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.DidTarget")]
public sealed record DidTarget(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Extension);
