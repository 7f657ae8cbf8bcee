namespace Switchboard.Grains.Tenants;

/// <summary>
/// Every trunk's inbound source ranges, one grain (key <see cref="DirectoryKeys.TrunkSources"/>): ranges cannot be
/// keyed by address, so lookups scan an in-memory table (a few thousand ranges at most). Reads interleave, and the
/// <see cref="IDirectoryGrain"/> workers cache answers, so edges rarely reach this grain.
/// </summary>
[Alias("Switchboard.Grains.ITrunkSourceIndexGrain")]
public interface ITrunkSourceIndexGrain : IGrainWithStringKey
{
    /// <summary>Replaces all ranges of one tenant. If any range is another tenant's, nothing changes and those ranges are returned.</summary>
    [Alias("SetTenantSources")]
    Task<IReadOnlyList<string>> SetTenantSources(string tenantId, IReadOnlyList<TrunkSourceEntry> sources);

    [Alias("Lookup"), Orleans.Concurrency.ReadOnly]
    Task<TrunkSource?> Lookup(string ipAddress);
}
