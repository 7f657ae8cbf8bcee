namespace Switchboard.Silo.Api.Keys;

/// <summary>The embedded node's key store: same semantics as PostgreSQL, gone when the process ends.</summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly Lock _gate = new();
    private readonly List<ApiKey> _keys = [];

    public Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_keys.Find(k => k.Hash == hash));
        }
    }

    public Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_keys.Find(k => k.KeyId == keyId));
        }
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(string? tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<ApiKey> keys = [.. _keys.Where(k => tenantId is null || k.TenantId == tenantId)];
            return Task.FromResult(keys);
        }
    }

    public Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_keys.Exists(k => k.KeyId == key.KeyId || k.Hash == key.Hash))
            {
                throw new InvalidOperationException($"Key {key.KeyId} or its hash already exists");
            }

            _keys.Add(key);
        }

        return Task.CompletedTask;
    }

    public Task<bool> AddIfEmptyAsync(ApiKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_keys.Count > 0)
            {
                return Task.FromResult(false);
            }

            _keys.Add(key);
            return Task.FromResult(true);
        }
    }

    public Task<bool> AddIfHashUnknownAsync(ApiKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_keys.Exists(k => k.Hash == key.Hash))
            {
                return Task.FromResult(false);
            }

            _keys.Add(key);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _keys.FindIndex(k => k.KeyId == keyId);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _keys[index] = _keys[index] with { RevokedAt = _keys[index].RevokedAt ?? at };
            return Task.FromResult(true);
        }
    }
}
