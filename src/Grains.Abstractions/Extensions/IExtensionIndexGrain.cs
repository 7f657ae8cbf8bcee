namespace Switchboard.Grains.Extensions;

/// <summary>
/// The extension numbers of one tenant, keyed by tenant id, so the admin API can page through a tenant's
/// extensions without a table scan. <see cref="IExtensionGrain"/> keeps it in step: it adds its number before it
/// saves a provision and removes it before it deletes itself, so a retried provision or delete converges and a
/// number whose extension was never saved is skipped by readers (its <see cref="IExtensionGrain.GetSnapshot"/> is null).
/// </summary>
[Alias("Switchboard.IExtensionIndexGrain")]
public interface IExtensionIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds the number; a number already present changes nothing (no duplicate, no write).</summary>
    [Alias("Add")]
    Task Add(string number);

    /// <summary>Removes the number; an absent number changes nothing.</summary>
    [Alias("Remove")]
    Task Remove(string number);

    /// <summary>
    /// Whether the number is listed. The edge asks this before it touches an extension grain for a digest exchange,
    /// so a scanner trying random user names costs one call to this (already active) grain per name, not an
    /// extension activation and a database read each.
    /// </summary>
    [Alias("Contains"), Orleans.Concurrency.ReadOnly]
    Task<bool> Contains(string number);

    /// <summary>Up to <paramref name="limit"/> numbers in ordinal order, skipping the first <paramref name="offset"/>.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>> List(int offset, int limit);
}
