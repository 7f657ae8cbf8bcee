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

    // One statement, hence one transaction. Each step feeds the next: the ledger row exists only if this statement
    // inserted the CDR, and the balance moves only by the ledger row this statement inserted. A concurrent duplicate
    // (retry, second activation) blocks on the call_id key until the first commits, then inserts nothing.
    private const string SettleSql = """
        WITH cdr AS (
            INSERT INTO cdrs (call_id, account_id, tenant_id, caller, callee, direction, started_at, answered_at, ended_at,
                duration_seconds, billed_seconds, rate, cost, carrier_plan_id, carrier_rate, carrier_cost, final_sip_status,
                disposition, caller_leg_call_id, callee_leg_call_id, edge_id, trunk_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            ON CONFLICT (call_id) DO NOTHING
            RETURNING call_id, cost),
        led AS (
            INSERT INTO ledger (account_id, reference, kind, amount, description)
            SELECT $2, $23, 'call', -cost, $24 FROM cdr WHERE cost <> 0
            ON CONFLICT (account_id, reference) DO NOTHING
            RETURNING amount),
        acct AS (
            UPDATE accounts SET balance = balance + led.amount, updated_at = now()
            FROM led WHERE accounts.account_id = $2
            RETURNING balance)
        SELECT (SELECT count(*) FROM cdr),
               COALESCE((SELECT balance FROM acct), (SELECT balance FROM accounts WHERE account_id = $2))
        """;

    public async Task<SettlementOutcome> SettleAsync(CallDetailRecord rated, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        bool inserted;
        decimal balance;
        await using (var cmd = new NpgsqlCommand(SettleSql, connection))
        {
            var p = cmd.Parameters;
            p.AddWithValue(rated.CallId);
            p.AddWithValue(rated.AccountId);
            p.AddWithValue(rated.TenantId);
            p.AddWithValue(rated.Caller);
            p.AddWithValue(rated.Callee);
            p.AddWithValue(PgText.Lower(rated.Direction));
            p.AddWithValue(rated.StartedAt);
            p.Add(new NpgsqlParameter { Value = (object?)rated.AnsweredAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.AddWithValue(rated.EndedAt);
            p.AddWithValue(rated.DurationSeconds);
            p.AddWithValue(rated.BilledSeconds);
            p.Add(Json(rated.Rate));
            p.AddWithValue(rated.Cost);
            p.Add(Text(rated.CarrierPlanId));
            p.Add(Json(rated.CarrierRate));
            p.AddWithValue(rated.CarrierCost);
            p.AddWithValue(rated.FinalSipStatus);
            p.AddWithValue(PgText.Lower(rated.Disposition));
            p.AddWithValue(rated.CallerLegCallId);
            p.AddWithValue(rated.CalleeLegCallId);
            p.AddWithValue(rated.EdgeId);
            p.Add(Text(rated.TrunkId));
            p.AddWithValue(CdrReferences.Ledger(rated.CallId));
            p.AddWithValue(CdrReferences.Description(rated));
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            inserted = reader.GetInt64(0) == 1;
            balance = reader.IsDBNull(1)
                ? throw new InvalidOperationException($"Account {rated.AccountId} does not exist")
                : reader.GetDecimal(1);
        }

        await using var get = new NpgsqlCommand($"SELECT {Columns} FROM cdrs WHERE call_id = $1", connection);
        get.Parameters.AddWithValue(rated.CallId);
        await using var stored = await get.ExecuteReaderAsync(cancellationToken);
        await stored.ReadAsync(cancellationToken);
        return new SettlementOutcome(!inserted, Read(stored), balance);
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

    private static NpgsqlParameter Json(AppliedRate? rate) =>
        new() { Value = rate is null ? DBNull.Value : PgText.ToJson(rate), NpgsqlDbType = NpgsqlDbType.Jsonb };

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
