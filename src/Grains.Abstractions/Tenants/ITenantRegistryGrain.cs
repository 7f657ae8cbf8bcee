namespace Switchboard.Grains.Tenants;

/// <summary>
/// The ids of every tenant, one grain (key <see cref="Key"/>), so the admin API can page through tenants without a
/// table scan. <see cref="ITenantGrain.Configure"/> registers its tenant before it saves, on every call: a create
/// retried after a failure registers again harmlessly, and an id whose tenant was never saved is skipped by
/// readers that load the tenants (its <see cref="ITenantGrain.GetSnapshot"/> is null).
/// </summary>
[Alias("Switchboard.ITenantRegistryGrain")]
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one key to use: <c>GetGrain&lt;ITenantRegistryGrain&gt;(ITenantRegistryGrain.Key)</c>.</summary>
    const string Key = "tenants";

    /// <summary>Adds the tenant id; an id already present changes nothing (no duplicate, no write).</summary>
    [Alias("Register")]
    Task Register(string tenantId);

    /// <summary>Up to <paramref name="limit"/> tenant ids in ordinal order, skipping the first <paramref name="offset"/>.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>> List(int offset, int limit);
}
