using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage.Postgres;

/// <summary>The settlement statement (CDR, ledger row, balance, lease removal) shared by the CDR and lease stores.</summary>
internal static class PostgresSettlement
{
    // One statement, hence one transaction. Each step feeds the next: the ledger row exists only if this statement
    // inserted the CDR, and the balance moves only by the ledger row this statement inserted. A concurrent duplicate
    // (retry, second activation) blocks on the call_id key until the first commits, then inserts nothing.
    public const string Sql = """
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
        gone AS (
            DELETE FROM call_leases WHERE call_id = $1),
        acct AS (
            UPDATE accounts SET balance = balance + led.amount, updated_at = now()
            FROM led WHERE accounts.account_id = $2
            RETURNING balance)
        SELECT (SELECT count(*) FROM cdr),
               COALESCE((SELECT balance FROM acct), (SELECT balance FROM accounts WHERE account_id = $2))
        """;

    public static void Bind(NpgsqlParameterCollection p, CallDetailRecord rated)
    {
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
    }

    /// <summary>Whether this statement inserted the CDR, and the balance after it.</summary>
    public static (bool Inserted, decimal Balance) Read(NpgsqlDataReader reader, string accountId) =>
        (reader.GetInt64(0) == 1,
         reader.IsDBNull(1) ? throw new InvalidOperationException($"Account {accountId} does not exist") : reader.GetDecimal(1));

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Json(AppliedRate? rate) =>
        new() { Value = rate is null ? DBNull.Value : PgText.ToJson(rate), NpgsqlDbType = NpgsqlDbType.Jsonb };
}
