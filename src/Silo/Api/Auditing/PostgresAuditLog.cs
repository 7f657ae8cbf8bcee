using Npgsql;

namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// The audit log in <c>audit_log</c> (deploy/sql/0300-admin.sql, 0510-audit-append-only.sql). Insert and select
/// only: the table refuses UPDATE, DELETE and TRUNCATE.
/// </summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_log (at, key_id, key_name, tenant_id, method, route, resource, status, source_ip)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::inet)
            """);
        command.Parameters.AddWithValue(entry.At.UtcDateTime);
        command.Parameters.AddWithValue(entry.KeyId);
        command.Parameters.AddWithValue(entry.KeyName);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = entry.TenantId, DataTypeName = "text" });
        command.Parameters.AddWithValue(entry.Method);
        command.Parameters.AddWithValue(entry.Route);
        command.Parameters.AddWithValue(entry.Resource);
        command.Parameters.AddWithValue(entry.Status);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = entry.SourceIp, DataTypeName = "text" });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? tenantId, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT entry_id, at, key_id, key_name, tenant_id, method, route, resource, status, host(source_ip)
            FROM audit_log
            WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::bigint IS NULL OR entry_id < $2)
            ORDER BY entry_id DESC
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = tenantId, DataTypeName = "text" });
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = beforeId, DataTypeName = "bigint" });
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return entries;
    }
}
