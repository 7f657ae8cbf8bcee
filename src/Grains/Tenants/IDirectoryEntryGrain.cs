namespace Switchboard.Grains.Tenants;

/// <summary>
/// One indexed name, keyed <see cref="DirectoryKeys.Domain"/> or <see cref="DirectoryKeys.Did"/>: exactly one
/// tenant may own it. Written only by <see cref="TenantGrain"/>; read through <see cref="IDirectoryGrain"/>.
/// </summary>
[Alias("Switchboard.Grains.IDirectoryEntryGrain")]
public interface IDirectoryEntryGrain : IGrainWithStringKey
{
    /// <summary>Takes or updates the name for <paramref name="tenantId"/>; false when another tenant owns it.</summary>
    [Alias("Claim")]
    Task<bool> Claim(string tenantId, string? target);

    /// <summary>Frees the name if <paramref name="tenantId"/> owns it.</summary>
    [Alias("Release")]
    Task Release(string tenantId);

    [Alias("Lookup"), Orleans.Concurrency.ReadOnly]
    Task<DirectoryEntry?> Lookup();
}
