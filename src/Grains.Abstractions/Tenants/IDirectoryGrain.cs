namespace Switchboard.Grains.Tenants;

/// <summary>
/// The lookups an edge makes before it knows the tenant, without scanning anything. A stateless worker
/// (key <see cref="Key"/>, a few activations per silo, local to the caller) with a short cache in front of
/// per-entry index grains that tenants keep up to date; a change becomes visible within the cache time
/// (<c>CallControlOptions.DirectoryCacheTime</c>, a few seconds).
/// </summary>
[Alias("Switchboard.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key to use: <c>GetGrain&lt;IDirectoryGrain&gt;(IDirectoryGrain.Key)</c>.</summary>
    const string Key = "directory";

    /// <summary>The tenant whose SIP domain this is (case-insensitive, RFC 3261 §19.1.4), or null.</summary>
    [Alias("ResolveDomain")]
    Task<string?> ResolveDomain(string sipDomain);

    /// <summary>The tenant and extension a DID rings, or null.</summary>
    [Alias("ResolveDid")]
    Task<DidTarget?> ResolveDid(string number);

    /// <summary>The trunk whose inbound sources contain this IP address (IPv4 or IPv6), or null.</summary>
    [Alias("ResolveTrunkSource")]
    Task<TrunkSource?> ResolveTrunkSource(string ipAddress);
}
