using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Accounts;

namespace Switchboard.Grains.Storage.Postgres;

public sealed class PostgresCallLeaseStore(NpgsqlDataSource db) : ICallLeaseStore
{
    // Settlements run first: a lease of a call settled in the same batch is then kept out by the NOT EXISTS.
    private const string InsertSql = """
        INSERT INTO call_leases (call_id, account_id, renewed_at, lease)
        SELECT u.call_id, u.account_id, $3, u.lease
        FROM unnest($1::text[], $2::text[], $4::jsonb[]) AS u(call_id, account_id, lease)
        WHERE NOT EXISTS (SELECT 1 FROM cdrs c WHERE c.call_id = u.call_id)
        ON CONFLICT (call_id) DO NOTHING
        """;

    private const string RenewSql = "UPDATE call_leases SET renewed_at = $1 WHERE call_id = ANY($2)";

    public async Task<IReadOnlyList<SettlementOutcome>> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CommitAsync(connection, batch, batch.Settlements, cancellationToken);
        }
        catch (PostgresException) when (batch.Settlements.Count > 1)
        {
            // One bad CDR fails the whole implicit transaction; settle the rest one by one so it cannot hold them up.
            var outcomes = new List<SettlementOutcome>(batch.Settlements.Count);
            var first = true;
            foreach (var cdr in batch.Settlements)
            {
                var single = new JournalBatch { RenewedAt = batch.RenewedAt };
                single.Settlements.Add(cdr);
                if (first)
                {
                    single.Answered.AddRange(batch.Answered);
                    single.Renewed.AddRange(batch.Renewed);
                    first = false;
                }

                outcomes.AddRange(await CommitAsync(connection, single, single.Settlements, cancellationToken));
            }

            return outcomes;
        }
    }

    private static async Task<IReadOnlyList<SettlementOutcome>> CommitAsync(
        NpgsqlConnection connection, JournalBatch batch, List<Billing.CallDetailRecord> settlements, CancellationToken cancellationToken)
    {
        await using var commands = new NpgsqlBatch(connection);
        foreach (var cdr in settlements)
        {
            var settle = new NpgsqlBatchCommand(PostgresSettlement.Sql);
            PostgresSettlement.Bind(settle.Parameters, cdr);
            commands.BatchCommands.Add(settle);
        }

        if (batch.Answered.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(InsertSql);
            insert.Parameters.AddWithValue(batch.Answered.Select(l => l.CallId).ToArray());
            insert.Parameters.AddWithValue(batch.Answered.Select(l => l.Cdr.AccountId).ToArray());
            insert.Parameters.AddWithValue(batch.RenewedAt);
            insert.Parameters.Add(new NpgsqlParameter
            {
                Value = batch.Answered.Select(PgText.ToJson).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            });
            commands.BatchCommands.Add(insert);
        }

        if (batch.Renewed.Count > 0)
        {
            var renew = new NpgsqlBatchCommand(RenewSql);
            renew.Parameters.AddWithValue(batch.RenewedAt);
            renew.Parameters.AddWithValue(batch.Renewed.ToArray());
            commands.BatchCommands.Add(renew);
        }

        var results = new List<(bool Inserted, decimal Balance)>(settlements.Count);
        await using (var reader = await commands.ExecuteReaderAsync(cancellationToken))
        {
            for (var i = 0; i < settlements.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                await reader.ReadAsync(cancellationToken);
                results.Add(PostgresSettlement.Read(reader, settlements[i].AccountId));
            }
        }

        var outcomes = new List<SettlementOutcome>(settlements.Count);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < settlements.Count; i++)
        {
            var (inserted, balance) = results[i];
            outcomes.Add(inserted
                ? new SettlementOutcome(false, settlements[i] with { SettledAt = now }, balance)
                : new SettlementOutcome(true, await PostgresCdrStore.GetStoredAsync(connection, settlements[i].CallId, cancellationToken), balance));
        }

        return outcomes;
    }

    public async Task<IReadOnlyList<StoredLease>> LoadAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT lease::text, renewed_at FROM call_leases WHERE account_id = $1");
        cmd.Parameters.AddWithValue(accountId);
        var leases = new List<StoredLease>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leases.Add(new StoredLease(PgText.FromJson<CallLease>(reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return leases;
    }

    public async Task<IReadOnlyList<string>> AccountsWithLeasesRenewedBeforeAsync(DateTimeOffset renewedBefore, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT DISTINCT account_id FROM call_leases WHERE renewed_at < $1 LIMIT 1000");
        cmd.Parameters.AddWithValue(renewedBefore);
        var accounts = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(reader.GetString(0));
        }

        return accounts;
    }
}
