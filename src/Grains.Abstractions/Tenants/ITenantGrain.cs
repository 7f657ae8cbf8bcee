namespace Switchboard.Grains.Tenants;

/// <summary>
/// One tenant (customer PBX), keyed by tenant id (<c>^[a-z][a-z0-9-]{1,31}$</c>, e.g. <c>demo</c>). Owns its
/// settings, trunks and DIDs and keeps the directory indexes (SIP domain, DIDs, trunk sources) in step.
/// Invalid input throws <see cref="ArgumentException"/>; a SIP domain or DID owned by another tenant throws
/// <see cref="InvalidOperationException"/>.
/// </summary>
[Alias("Switchboard.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant or changes its settings (claims the SIP domain in the directory and registers the
    /// tenant in <see cref="ITenantRegistryGrain"/>).</summary>
    [Alias("Configure")]
    Task<TenantSnapshot> Configure(TenantSettings settings);

    /// <summary>
    /// Creates the tenant only if it does not exist yet; null when it does (nothing changed). The check and the
    /// create happen in one grain turn, so of two concurrent creates exactly one wins.
    /// </summary>
    [Alias("Create")]
    Task<TenantSnapshot?> Create(TenantSettings settings);

    /// <summary>The tenant, or null when it was never configured.</summary>
    [Alias("GetSnapshot"), Orleans.Concurrency.ReadOnly]
    Task<TenantSnapshot?> GetSnapshot();

    /// <summary>Adds or replaces a trunk; <paramref name="credentials"/> null keeps the stored ones.</summary>
    [Alias("PutTrunk")]
    Task<TenantSnapshot> PutTrunk(Trunk trunk, TrunkCredentials? credentials);

    [Alias("RemoveTrunk")]
    Task<TenantSnapshot> RemoveTrunk(string trunkId);

    /// <summary>Internal to edges: the credentials to answer a carrier's challenge on this trunk, with the trunk's digest algorithms.</summary>
    [Alias("GetTrunkCredentials")]
    Task<TrunkCredentials?> GetTrunkCredentials(string trunkId);

    /// <summary>The digest algorithms the tenant's phones are challenged with (<see cref="Extensions.DigestPolicy"/>).</summary>
    [Alias("GetDigestAlgorithms"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Extensions.DigestAlgorithm>> GetDigestAlgorithms();

    /// <summary>Adds or moves a DID to an extension (claims the number in the directory).</summary>
    [Alias("PutDid")]
    Task<TenantSnapshot> PutDid(Did did);

    [Alias("RemoveDid")]
    Task<TenantSnapshot> RemoveDid(string number);
}
