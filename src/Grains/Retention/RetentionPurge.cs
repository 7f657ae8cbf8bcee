using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Switchboard.Grains.Retention;

/// <summary>
/// Deletes what the retention periods no longer allow, in batches of <see cref="RetentionOptions.BatchSize"/> rows,
/// one transaction each. One purge runs in the cluster at a time: it holds a PostgreSQL session advisory lock for
/// the whole run, and a silo that cannot take it skips its turn. Time comes from the <see cref="TimeProvider"/>, so
/// tests age data with a fake clock. A cancelled account's extensions live in grain state, not in the database; the
/// purge removes them through <see cref="IAccountLines"/> before it marks the account anonymised, so a crash in
/// between leaves the account due and the next run finishes it.
/// </summary>
public sealed partial class RetentionPurge(
    NpgsqlDataSource db,
    IAccountLines lines,
    IOptions<RetentionOptions> options,
    RetentionMetrics metrics,
    TimeProvider time,
    ILogger<RetentionPurge> logger)
{
    /// <summary>Advisory lock key: "SBRETAIN" in ASCII, unique among Switchboard's locks.</summary>
    public const long LockKey = 0x5342_5245_5441_494E;

    public async Task<PurgeReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var session = await db.OpenConnectionAsync(cancellationToken);
        if (!await Scalar<bool>(session, "SELECT pg_try_advisory_lock(@key)", cancellationToken, ("key", LockKey)))
        {
            metrics.Run("skipped");
            return new PurgeReport(now, dryRun, Ran: false, new Dictionary<RetentionClass, long>());
        }

        try
        {
            var rows = new Dictionary<RetentionClass, long>();
            foreach (var dataClass in Enum.GetValues<RetentionClass>())
            {
                // The audit log is append-only for the application (0510-audit-append-only.sql): its old rows are
                // counted as due, and a database administrator removes them (docs/privacy.md).
                rows[dataClass] = dryRun || dataClass == RetentionClass.AuditLog
                    ? await CountAsync(session, dataClass, now, cancellationToken)
                    : await DeleteAsync(session, dataClass, now, cancellationToken);
            }

            // After the deletes: what is left of a cancelled subscriber is what a retention period still keeps.
            var anonymised = dryRun
                ? await Scalar<long>(session, RetentionSql.CountCancelledAccountsDue, cancellationToken, ("now", now), ("grace", options.Value.CancelledAccountDays))
                : await AnonymiseAsync(session, now, cancellationToken);
            metrics.Run("done");
            LogPurged(logger, dryRun, rows[RetentionClass.CallRecords], rows[RetentionClass.Billing],
                rows[RetentionClass.FraudAlerts], rows[RetentionClass.RegistrationHistory], rows[RetentionClass.AuditLog], anonymised);
            return new PurgeReport(now, dryRun, Ran: true, rows, anonymised);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Run("failed");
            throw;
        }
        finally
        {
            await Scalar<bool>(session, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    private async Task<long> CountAsync(NpgsqlConnection session, RetentionClass dataClass, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (days, floor) = await PeriodAsync(session, dataClass, now, cancellationToken);
        return await Scalar<long>(session, RetentionSql.Count(dataClass), cancellationToken, ("now", now), ("days", days), ("floor", floor));
    }

    private async Task<long> DeleteAsync(NpgsqlConnection session, RetentionClass dataClass, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (days, floor) = await PeriodAsync(session, dataClass, now, cancellationToken);
        var batch = options.Value.BatchSize;
        long total = 0;
        foreach (var statement in RetentionSql.DeleteBatch(dataClass))
        {
            long deleted;
            do
            {
                // Autocommit: each batch is its own transaction, so locks are short and a crash loses one batch.
                deleted = await Scalar<long>(session, statement, cancellationToken,
                    ("now", now), ("days", days), ("floor", floor), ("batch", batch));
                total += deleted;
                metrics.Purged(dataClass, deleted);
            }
            while (deleted == batch);
        }

        return total;
    }

    /// <summary>
    /// Erasure on request (docs/privacy.md): what the purge does to a cancelled account after the grace period, now:
    /// the extensions it pays for removed with their registration history, then its records anonymised. False when
    /// the account is not cancelled (erasure comes with cancellation: an account that still calls needs its numbers);
    /// its lines are left alone then. Each step can be repeated, so a retry after a failure finishes the erasure.
    /// </summary>
    public async Task<bool> EraseAsync(string accountId, string tenantId, CancellationToken cancellationToken)
    {
        await using var session = await db.OpenConnectionAsync(cancellationToken);
        if (!await Scalar<bool>(session, RetentionSql.IsCancelled, cancellationToken, ("account", accountId)))
        {
            return false;
        }

        await RemoveLinesAsync(session, tenantId, accountId, cancellationToken);
        var erased = await Scalar<long>(session, RetentionSql.AnonymiseAccount, cancellationToken, ("account", accountId), ("now", time.GetUtcNow()));
        metrics.Anonymised(erased);
        return erased == 1;
    }

    /// <summary>
    /// Erasure of one extension's subscriber (the account stays, it pays for others): the number truncated in the
    /// tenant's CDRs and fraud alerts and the extension's registration history deleted, in one transaction. Returns
    /// the CDRs changed. The caller removes the extension itself afterwards.
    /// </summary>
    public async Task<long> EraseExtensionAsync(string tenantId, string number, CancellationToken cancellationToken)
    {
        await using var session = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await session.BeginTransactionAsync(cancellationToken);
        await using var calls = new NpgsqlCommand(RetentionSql.AnonymiseExtensionCalls, session, transaction);
        calls.Parameters.AddWithValue("tenant", tenantId);
        calls.Parameters.AddWithValue("number", number);
        var changed = await calls.ExecuteNonQueryAsync(cancellationToken);
        await using var alerts = new NpgsqlCommand(RetentionSql.AnonymiseExtensionAlerts, session, transaction);
        alerts.Parameters.AddWithValue("tenant", tenantId);
        alerts.Parameters.AddWithValue("number", number);
        await alerts.ExecuteNonQueryAsync(cancellationToken);
        await Scalar<object?>(session, RetentionSql.DeleteRegistrations, cancellationToken, ("tenant", tenantId), ("numbers", new[] { number }));
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Cancelled accounts past the grace period, a batch at a time: each account's lines removed (grains), then the
    /// whole batch anonymised in one statement, which also marks it done. A failure part-way leaves the rest of the
    /// batch unmarked, so the next run removes what is left (a removed line is simply not found again) and marks it.
    /// </summary>
    private async Task<long> AnonymiseAsync(NpgsqlConnection session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        long total = 0;
        while (true)
        {
            var due = new List<(string Account, string Tenant)>();
            await using (var command = new NpgsqlCommand(RetentionSql.CancelledAccountsDueBatch, session))
            {
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("grace", options.Value.CancelledAccountDays);
                command.Parameters.AddWithValue("batch", batch);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    due.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (account, tenant) in due)
            {
                await RemoveLinesAsync(session, tenant, account, cancellationToken);
            }

            var done = due.Count == 0 ? 0 : await Scalar<long>(session, RetentionSql.AnonymiseAccounts, cancellationToken,
                ("accounts", due.Select(d => d.Account).ToArray()), ("now", now));
            total += done;
            metrics.Anonymised(done);
            if (done == 0 || due.Count < batch)
            {
                return total;
            }
        }
    }

    /// <summary>Registration history first: once the lines are gone, their numbers can no longer be found.</summary>
    private async Task RemoveLinesAsync(NpgsqlConnection session, string tenantId, string accountId, CancellationToken cancellationToken)
    {
        var numbers = await lines.NumbersAsync(tenantId, accountId);
        if (numbers.Count == 0)
        {
            return;
        }

        await Scalar<object?>(session, RetentionSql.DeleteRegistrations, cancellationToken, ("tenant", tenantId), ("numbers", numbers.ToArray()));
        await lines.RemoveAsync(tenantId, numbers);
    }

    private async Task<(int Days, DateTimeOffset Floor)> PeriodAsync(
        NpgsqlConnection session, RetentionClass dataClass, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var days = options.Value.DefaultDays(dataClass);
        var shortest = await Scalar<int?>(session, RetentionSql.ShortestOverride, cancellationToken, ("class", RetentionSql.Name(dataClass)));
        return (days, now.AddDays(-Math.Min(days, shortest ?? days)));
    }

    private static async Task<T> Scalar<T>(
        NpgsqlConnection session, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, session);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? default! : (T)result;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention purge (dry run: {DryRun}): call records {CallRecords}, billing {Billing}, fraud alerts {FraudAlerts}, registrations {Registrations}, audit log rows due {AuditLog}; cancelled accounts anonymised {Anonymised}")]
    private static partial void LogPurged(ILogger logger, bool dryRun, long callRecords, long billing, long fraudAlerts, long registrations, long auditLog, long anonymised);
}
