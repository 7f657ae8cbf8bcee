using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage.Postgres;

public sealed class PostgresAccountStore(NpgsqlDataSource db) : IAccountStore
{
    internal const string Columns =
        "account_id, tenant_id, rate_plan_id, credit_limit, status, status_reason, fraud_limits::text, balance, created_at, updated_at";

    public async Task<AccountRecord?> InsertAsync(string accountId, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        // The primary key is the guard: of two concurrent inserts one returns the row, the other returns nothing.
        await using var cmd = db.CreateCommand($"""
            INSERT INTO accounts (account_id, tenant_id, rate_plan_id, credit_limit, fraud_limits)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (account_id) DO NOTHING
            RETURNING {Columns}
            """);
        AddSettings(cmd, accountId, settings);
        return await ReadOne(cmd, cancellationToken);
    }

    public async Task<AccountRecord> UpsertAsync(string accountId, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO accounts (account_id, tenant_id, rate_plan_id, credit_limit, fraud_limits)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (account_id) DO UPDATE SET
                tenant_id = EXCLUDED.tenant_id, rate_plan_id = EXCLUDED.rate_plan_id,
                credit_limit = EXCLUDED.credit_limit, fraud_limits = EXCLUDED.fraud_limits, updated_at = now()
            RETURNING {Columns}
            """);
        AddSettings(cmd, accountId, settings);
        return (await ReadOne(cmd, cancellationToken))!;
    }

    public async Task<AccountRecord?> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM accounts WHERE account_id = $1");
        cmd.Parameters.AddWithValue(accountId);
        return await ReadOne(cmd, cancellationToken);
    }

    public async Task<AccountRecord?> SetStatusAsync(string accountId, AccountStatus status, string reason, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"""
            WITH changed AS (
                UPDATE accounts
                SET status = $2, status_reason = $3, updated_at = now(),
                    cancelled_at = CASE WHEN $2 = 'cancelled' THEN COALESCE(cancelled_at, now()) END
                WHERE account_id = $1 AND (status <> 'cancelled' OR $2 = 'cancelled')
                RETURNING {Columns})
            SELECT * FROM changed
            UNION ALL
            SELECT {Columns} FROM accounts WHERE account_id = $1 AND NOT EXISTS (SELECT 1 FROM changed)
            """);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(PgText.Status(status));
        cmd.Parameters.AddWithValue(reason);
        return await ReadOne(cmd, cancellationToken);
    }

    public async Task<BalanceChange> CreditAsync(string accountId, AccountCredit credit, CancellationToken cancellationToken = default)
    {
        // One statement: the balance moves only if this statement inserted the ledger row (unique per reference).
        await using var cmd = db.CreateCommand("""
            WITH led AS (
                INSERT INTO ledger (account_id, reference, kind, amount, description)
                VALUES ($1, $2, 'credit', $3, $4)
                ON CONFLICT (account_id, reference) DO NOTHING
                RETURNING amount),
            acct AS (
                UPDATE accounts SET balance = balance + led.amount, updated_at = now()
                FROM led WHERE accounts.account_id = $1
                RETURNING balance)
            SELECT (SELECT count(*) FROM led),
                   COALESCE((SELECT balance FROM acct), (SELECT balance FROM accounts WHERE account_id = $1))
            """);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(credit.Reference);
        cmd.Parameters.AddWithValue(credit.Amount);
        cmd.Parameters.AddWithValue(credit.Description);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new BalanceChange(reader.GetInt64(0) == 1, reader.GetDecimal(1));
    }

    public async Task<IReadOnlyList<AccountRecord>> ListAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM accounts WHERE ($1::text IS NULL OR tenant_id = $1)
            ORDER BY created_at DESC, account_id LIMIT $2 OFFSET $3
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.TenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(Math.Clamp(query.Limit, 0, 1000));
        cmd.Parameters.AddWithValue(Math.Max(0, query.Offset));
        var rows = new List<AccountRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT l.entry_id, l.account_id, l.reference, l.kind, l.amount, l.description, l.created_at
            FROM ledger l JOIN accounts a ON a.account_id = l.account_id
            WHERE l.account_id = $1 AND ($2::text IS NULL OR a.tenant_id = $2)
              AND ($3::timestamptz IS NULL OR l.created_at >= $3) AND ($4::timestamptz IS NULL OR l.created_at < $4)
            ORDER BY l.entry_id DESC LIMIT $5 OFFSET $6
            """);
        cmd.Parameters.AddWithValue(query.AccountId);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.TenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.AddWithValue(Math.Clamp(query.Limit, 0, 1000));
        cmd.Parameters.AddWithValue(Math.Max(0, query.Offset));
        var rows = new List<LedgerEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LedgerEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), PgText.Kind(reader.GetString(3)),
                reader.GetDecimal(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    private static void AddSettings(NpgsqlCommand cmd, string accountId, AccountSettings settings)
    {
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(settings.TenantId);
        cmd.Parameters.AddWithValue(settings.RatePlanId);
        cmd.Parameters.AddWithValue(settings.CreditLimit);
        cmd.Parameters.Add(new NpgsqlParameter { Value = PgText.ToJson(settings.FraudLimits), NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    private static async Task<AccountRecord?> ReadOne(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    internal static AccountRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetDecimal(3), PgText.Status(r.GetString(4)), r.GetString(5),
        PgText.FromJson<FraudLimits>(r.GetString(6)), r.GetDecimal(7),
        r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9));
}
