namespace Switchboard.Silo.Api.Keys;

/// <summary>Where API keys live: PostgreSQL in a cluster, memory in the embedded node.</summary>
public interface IApiKeyStore
{
    /// <summary>The key whose hash this is, revoked or not; null when unknown.</summary>
    Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken);

    Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>All keys, or a tenant's keys when <paramref name="tenantId"/> is given, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(string? tenantId, CancellationToken cancellationToken);

    Task AddAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="key"/> only when the store holds no key at all (revoked ones count), atomically across
    /// silos starting together. True when it was added.
    /// </summary>
    Task<bool> AddIfEmptyAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="key"/> unless a key with the same hash exists. True when it was added.</summary>
    Task<bool> AddIfHashUnknownAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>Marks the key revoked; false when no such key. Revoking twice keeps the first time.</summary>
    Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken);
}
