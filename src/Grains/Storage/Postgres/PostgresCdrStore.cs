using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage.Postgres;

public sealed class PostgresCdrStore(NpgsqlDataSource db) : ICdrStore
{
    private const string Columns = """
        call_id, account_id, tenant_id, caller, callee, direction, started_at, answered_at, ended_at, final_sip_status,
        disposition, caller_leg_call_id, callee_leg_call_id, edge_id, trunk_id, carrier_plan_id, billed_seconds,
        rate::text, cost, carrier_rate::text, carrier_cost, settled_at
        """;

    public async Task<SettlementOutcome> SettleAsync(CallDetailRecord rated, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(PostgresSettlement.Sql, connection);
        PostgresSettlement.Bind(cmd.Parameters, rated);
        bool inserted;
        decimal balance;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (inserted, balance) = PostgresSettlement.Read(reader, rated.AccountId);
        }

        return inserted
            ? new SettlementOutcome(false, rated with { SettledAt = DateTimeOffset.UtcNow }, balance)
            : new SettlementOutcome(true, await GetStoredAsync(connection, rated.CallId, cancellationToken), balance);
    }

    /// <summary>The CDR as first stored: what a repeated settlement reports.</summary>
    internal static async Task<CallDetailRecord> GetStoredAsync(NpgsqlConnection connection, string callId, CancellationToken cancellationToken)
    {
        await using var get = new NpgsqlCommand($"SELECT {Columns} FROM cdrs WHERE call_id = $1", connection);
        get.Parameters.AddWithValue(callId);
        await using var stored = await get.ExecuteReaderAsync(cancellationToken);
        await stored.ReadAsync(cancellationToken);
        return Read(stored);
    }

    public async Task<CallDetailRecord?> GetAsync(string callId, string? tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM cdrs WHERE call_id = $1 AND ($2::text IS NULL OR tenant_id = $2)");
        cmd.Parameters.AddWithValue(callId);
        cmd.Parameters.Add(Text(tenantId));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<CallDetailRecord>> SearchAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM cdrs
            WHERE ($1::text IS NULL OR tenant_id = $1)
              AND ($2::text IS NULL OR account_id = $2)
              AND ($3::text IS NULL OR caller LIKE $3 || '%' OR callee LIKE $3 || '%')
              AND ($4::timestamptz IS NULL OR started_at >= $4)
              AND ($5::timestamptz IS NULL OR started_at < $5)
            ORDER BY started_at DESC, call_id LIMIT $6 OFFSET $7
            """);
        cmd.Parameters.Add(Text(query.TenantId));
        cmd.Parameters.Add(Text(query.AccountId));
        cmd.Parameters.Add(Text(query.Number is null ? null : EscapeLike(query.Number)));
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.AddWithValue(Math.Clamp(query.Limit, 0, 1000));
        cmd.Parameters.AddWithValue(Math.Max(0, query.Offset));
        var rows = new List<CallDetailRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<decimal> SpentSinceAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT COALESCE(sum(cost), 0) FROM cdrs WHERE account_id = $1 AND ended_at >= $2");
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(since);
        return (decimal)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    // A number typed by a user must not act as a LIKE pattern.
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static CallDetailRecord Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
            PgText.ParseLower<CallDirection>(r.GetString(5)),
            r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.GetFieldValue<DateTimeOffset>(8),
            r.GetInt32(9), PgText.ParseLower<CallDisposition>(r.GetString(10)), r.GetString(11), r.GetString(12), r.GetString(13),
            r.IsDBNull(14) ? null : r.GetString(14))
        {
            CarrierPlanId = r.IsDBNull(15) ? null : r.GetString(15),
            BilledSeconds = r.GetInt32(16),
            Rate = r.IsDBNull(17) ? null : PgText.FromJson<AppliedRate>(r.GetString(17)),
            Cost = r.GetDecimal(18),
            CarrierRate = r.IsDBNull(19) ? null : PgText.FromJson<AppliedRate>(r.GetString(19)),
            CarrierCost = r.GetDecimal(20),
            SettledAt = r.GetFieldValue<DateTimeOffset>(21),
        };
}
