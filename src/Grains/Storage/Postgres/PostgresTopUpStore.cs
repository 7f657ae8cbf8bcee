using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Rating;
using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Storage.Postgres;

public sealed class PostgresTopUpStore(NpgsqlDataSource db) : ITopUpStore
{
    private const string Columns = """
        t.account_id, a.tenant_id, t.coin, t.tx_hash, t.amount, t.confirmations, t.required_confirmations, t.eur_rate,
        t.eur_amount, t.status, t.first_seen_at, t.credited_at
        """;

    // Confirmations only grow; while pending the EUR rate follows the latest report. The WHERE makes a report of a
    // known hash for another account or amount update nothing, which the caller sees as no row.
    private const string UpsertSql = """
        INSERT INTO topups AS t (coin, tx_hash, account_id, amount, confirmations, required_confirmations, eur_rate, eur_amount, status)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending')
        ON CONFLICT (coin, tx_hash) DO UPDATE SET
            confirmations = GREATEST(t.confirmations, EXCLUDED.confirmations),
            eur_rate   = CASE WHEN t.status = 'pending' THEN EXCLUDED.eur_rate ELSE t.eur_rate END,
            eur_amount = CASE WHEN t.status = 'pending' THEN EXCLUDED.eur_amount ELSE t.eur_amount END,
            updated_at = now()
        WHERE t.account_id = EXCLUDED.account_id AND t.amount = EXCLUDED.amount
        RETURNING t.status
        """;

    // Pending → credited happens once: the conditional UPDATE matches only a pending row, the ledger reference is
    // unique, and the balance moves only by the ledger row inserted here.
    private const string CreditSql = """
        WITH up AS (
            UPDATE topups SET status = 'credited', credited_at = now(), updated_at = now()
            WHERE coin = $1 AND tx_hash = $2 AND status = 'pending' AND confirmations >= required_confirmations
            RETURNING account_id, eur_amount),
        led AS (
            INSERT INTO ledger (account_id, reference, kind, amount, description)
            SELECT account_id, $3, 'topup', eur_amount, $4 FROM up
            ON CONFLICT (account_id, reference) DO NOTHING
            RETURNING amount),
        acct AS (
            UPDATE accounts SET balance = balance + led.amount, updated_at = now()
            FROM led WHERE accounts.account_id = $5
            RETURNING balance)
        SELECT (SELECT count(*) FROM led),
               COALESCE((SELECT balance FROM acct), (SELECT balance FROM accounts WHERE account_id = $5))
        """;

    public async Task<TopUpResult> ReportAsync(string accountId, CryptoDeposit deposit, int requiredConfirmations, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand(UpsertSql, connection, tx))
        {
            upsert.Parameters.AddWithValue(deposit.Coin);
            upsert.Parameters.AddWithValue(deposit.TxHash);
            upsert.Parameters.AddWithValue(accountId);
            upsert.Parameters.AddWithValue(deposit.Amount);
            upsert.Parameters.AddWithValue(deposit.Confirmations);
            upsert.Parameters.AddWithValue(requiredConfirmations);
            upsert.Parameters.AddWithValue(deposit.EurRate);
            upsert.Parameters.AddWithValue(Tariff.Round(deposit.Amount * deposit.EurRate));
            if (await upsert.ExecuteScalarAsync(cancellationToken) is null)
            {
                await tx.RollbackAsync(cancellationToken);
                return TopUpResult.Reject(TopUpMessages.Conflict);
            }
        }

        var topUp = await ReadAsync(connection, tx, deposit.Coin, deposit.TxHash, cancellationToken);
        bool creditedNow;
        decimal balance;
        await using (var credit = new NpgsqlCommand(CreditSql, connection, tx))
        {
            credit.Parameters.AddWithValue(deposit.Coin);
            credit.Parameters.AddWithValue(deposit.TxHash);
            credit.Parameters.AddWithValue(CdrReferences.TopUp(deposit.Coin, deposit.TxHash));
            credit.Parameters.AddWithValue(TopUpMessages.Description(topUp));
            credit.Parameters.AddWithValue(accountId);
            await using var reader = await credit.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            creditedNow = reader.GetInt64(0) == 1;
            balance = reader.GetDecimal(1);
        }

        if (creditedNow)
        {
            topUp = await ReadAsync(connection, tx, deposit.Coin, deposit.TxHash, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return new TopUpResult(topUp.Status, creditedNow, topUp.EurAmount, topUp.Confirmations, topUp.RequiredConfirmations, balance, "");
    }

    public async Task<IReadOnlyList<TopUp>> ListAsync(TopUpQuery query, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM topups t JOIN accounts a ON a.account_id = t.account_id
            WHERE ($1::text IS NULL OR a.tenant_id = $1) AND ($2::text IS NULL OR t.account_id = $2)
              AND ($3::text IS NULL OR t.status = $3)
            ORDER BY t.first_seen_at DESC, t.tx_hash LIMIT $4 OFFSET $5
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.TenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.AccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = query.Status is { } s ? PgText.TopUpState(s) : DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Text,
        });
        cmd.Parameters.AddWithValue(Math.Clamp(query.Limit, 0, 1000));
        cmd.Parameters.AddWithValue(Math.Max(0, query.Offset));
        var rows = new List<TopUp>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static async Task<TopUp> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string coin, string hash, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT {Columns} FROM topups t JOIN accounts a ON a.account_id = t.account_id WHERE t.coin = $1 AND t.tx_hash = $2", connection, tx);
        cmd.Parameters.AddWithValue(coin);
        cmd.Parameters.AddWithValue(hash);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    private static TopUp Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDecimal(4), r.GetInt32(5), r.GetInt32(6),
        r.GetDecimal(7), r.GetDecimal(8), PgText.TopUpState(r.GetString(9)), r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11));
}
