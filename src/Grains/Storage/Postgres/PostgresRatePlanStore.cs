using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Storage.Postgres;

public sealed class PostgresRatePlanStore(NpgsqlDataSource db) : IRatePlanStore
{
    public async Task<RatePlanSummary> ReplaceAsync(string planId, RatePlanKind kind, string description, IReadOnlyList<RateEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        RatePlanSummary plan;
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO rate_plans AS p (plan_id, kind, description, rate_count, version) VALUES ($1, $2, $3, $4, 1)
            ON CONFLICT (plan_id) DO UPDATE SET kind = EXCLUDED.kind, description = EXCLUDED.description,
                rate_count = EXCLUDED.rate_count, version = p.version + 1, imported_at = now()
            RETURNING plan_id, kind, description, rate_count, version, imported_at
            """, connection, tx))
        {
            upsert.Parameters.AddWithValue(planId);
            upsert.Parameters.AddWithValue(PgText.PlanKind(kind));
            upsert.Parameters.AddWithValue(description);
            upsert.Parameters.AddWithValue(entries.Count);
            await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            plan = ReadPlan(reader);
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM rates WHERE plan_id = $1", connection, tx))
        {
            delete.Parameters.AddWithValue(planId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        // Binary COPY: a 100k-row deck loads in well under a second where row-by-row INSERTs would take minutes.
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY rates (plan_id, position, prefix, description, price_per_minute, connect_fee, first_increment,
                        next_increment, minimum_seconds, effective_from, effective_to) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(planId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(e.Prefix, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Description, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.PricePerMinute, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(e.ConnectFee, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(e.FirstIncrementSeconds, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(e.NextIncrementSeconds, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(e.MinimumSeconds, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(e.EffectiveFrom, NpgsqlDbType.TimestampTz, cancellationToken);
                if (e.EffectiveTo is { } to)
                {
                    await copy.WriteAsync(to, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return plan;
    }

    public async Task<StoredRateDeck?> LoadAsync(string planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        RatePlanSummary plan;
        await using (var head = new NpgsqlCommand(
            "SELECT plan_id, kind, description, rate_count, version, imported_at FROM rate_plans WHERE plan_id = $1", connection, tx))
        {
            head.Parameters.AddWithValue(planId);
            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            plan = ReadPlan(reader);
        }

        var entries = new List<RateEntry>(plan.RateCount);
        await using (var rows = new NpgsqlCommand("""
            SELECT prefix, description, price_per_minute, connect_fee, first_increment, next_increment, minimum_seconds,
                   effective_from, effective_to
            FROM rates WHERE plan_id = $1 ORDER BY position
            """, connection, tx))
        {
            rows.Parameters.AddWithValue(planId);
            await using var reader = await rows.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new RateEntry(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3),
                    reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }

        await tx.CommitAsync(cancellationToken);
        return new StoredRateDeck(plan, entries);
    }

    public async Task<long?> GetVersionAsync(string planId, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT version FROM rate_plans WHERE plan_id = $1");
        cmd.Parameters.AddWithValue(planId);
        return await cmd.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    public async Task<IReadOnlyList<RatePlanSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT plan_id, kind, description, rate_count, version, imported_at FROM rate_plans ORDER BY plan_id");
        var plans = new List<RatePlanSummary>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plans.Add(ReadPlan(reader));
        }

        return plans;
    }

    private static RatePlanSummary ReadPlan(NpgsqlDataReader r) => new(
        r.GetString(0), PgText.PlanKind(r.GetString(1)), r.GetString(2), r.GetInt32(3), r.GetInt64(4), r.GetFieldValue<DateTimeOffset>(5));
}
