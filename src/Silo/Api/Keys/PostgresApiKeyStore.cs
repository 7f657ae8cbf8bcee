using Npgsql;

namespace Switchboard.Silo.Api.Keys;

/// <summary>Keys in <c>api_keys</c> (deploy/sql/0300-admin.sql). Every lookup is one indexed row.</summary>
public sealed class PostgresApiKeyStore(NpgsqlDataSource dataSource) : IApiKeyStore
{
    // Any constant shared by all silos; spells "SBKY". Serialises the "is the table empty?" check of silos
    // starting together so only one of them creates the bootstrap key.
    private const long BootstrapLockKey = 0x53424B59;

    private const string Columns = "key_id, name, role, tenant_id, key_hash, key_prefix, created_at, created_by, revoked_at";

    public Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken) =>
        FindOneAsync($"SELECT {Columns} FROM api_keys WHERE key_hash = $1", hash, cancellationToken);

    public Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        FindOneAsync($"SELECT {Columns} FROM api_keys WHERE key_id = $1", keyId, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM api_keys WHERE $1::text IS NULL OR tenant_id = $1 ORDER BY created_at, key_id");
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = tenantId, DataTypeName = "text" });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await InsertAsync(connection, key, "", cancellationToken);
    }

    public async Task<bool> AddIfEmptyAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({BootstrapLockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var added = await InsertAsync(connection, key, " WHERE NOT EXISTS (SELECT 1 FROM api_keys)", cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<bool> AddIfHashUnknownAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await InsertAsync(connection, key, " ON CONFLICT (key_hash) DO NOTHING", cancellationToken) == 1;
    }

    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE key_id = $1");
        command.Parameters.AddWithValue(keyId);
        command.Parameters.AddWithValue(at.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<int> InsertAsync(NpgsqlConnection connection, ApiKey key, string suffix, CancellationToken cancellationToken)
    {
        // INSERT ... SELECT so that the WHERE NOT EXISTS guard can be appended; the ON CONFLICT suffix works the same.
        await using var command = new NpgsqlCommand(
            $"INSERT INTO api_keys ({Columns}) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9{suffix}", connection);
        command.Parameters.AddWithValue(key.KeyId);
        command.Parameters.AddWithValue(key.Name);
        command.Parameters.AddWithValue(ApiKeyRoles.ToText(key.Role));
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = key.TenantId, DataTypeName = "text" });
        command.Parameters.AddWithValue(key.Hash);
        command.Parameters.AddWithValue(key.Prefix);
        command.Parameters.AddWithValue(key.CreatedAt.UtcDateTime);
        command.Parameters.AddWithValue(key.CreatedBy);
        command.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = key.RevokedAt?.UtcDateTime, DataTypeName = "timestamptz" });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<ApiKey?> FindOneAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ApiKey Read(NpgsqlDataReader reader)
    {
        if (!ApiKeyRoles.TryParse(reader.GetString(2), out var role))
        {
            // The table's CHECK constraint makes this a schema bug, not bad input.
            throw new InvalidOperationException($"api_keys row {reader.GetString(0)} has unknown role '{reader.GetString(2)}'");
        }

        return new ApiKey(
            KeyId: reader.GetString(0),
            Name: reader.GetString(1),
            Role: role,
            TenantId: reader.IsDBNull(3) ? null : reader.GetString(3),
            Hash: reader.GetString(4),
            Prefix: reader.GetString(5),
            CreatedAt: new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
            CreatedBy: reader.GetString(7),
            RevokedAt: reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetDateTime(8), TimeSpan.Zero));
    }
}
