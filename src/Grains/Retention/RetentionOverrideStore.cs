using Npgsql;

namespace Switchboard.Grains.Retention;

/// <summary>Per-tenant retention periods that replace the configured defaults (table <c>retention_overrides</c>).</summary>
public sealed class RetentionOverrideStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyDictionary<RetentionClass, int>> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT data_class, keep_days FROM retention_overrides WHERE tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var overrides = new Dictionary<RetentionClass, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            overrides[RetentionSql.Parse(reader.GetString(0))] = reader.GetInt32(1);
        }

        return overrides;
    }

    /// <summary>Replaces the tenant's overrides with <paramref name="overrides"/>; a class left out gets the default again.</summary>
    public async Task SetAsync(string tenantId, IReadOnlyDictionary<RetentionClass, int> overrides, CancellationToken cancellationToken)
    {
        await using var batch = db.CreateBatch();
        var clear = new NpgsqlBatchCommand("DELETE FROM retention_overrides WHERE tenant_id = @tenant");
        clear.Parameters.AddWithValue("tenant", tenantId);
        batch.BatchCommands.Add(clear);
        foreach (var (dataClass, days) in overrides)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO retention_overrides (tenant_id, data_class, keep_days) VALUES (@tenant, @class, @days)");
            insert.Parameters.AddWithValue("tenant", tenantId);
            insert.Parameters.AddWithValue("class", RetentionSql.Name(dataClass));
            insert.Parameters.AddWithValue("days", days);
            batch.BatchCommands.Add(insert);
        }

        // One round trip, one implicit transaction: a reader never sees the tenant half-updated.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
