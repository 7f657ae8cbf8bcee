using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchboard.Grains.Retention;
using Switchboard.Grains.Tests.Support;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Grains.Tests.Retention;

/// <summary>
/// The purge on a real PostgreSQL with deploy/sql applied, a fake clock and data aged by hand: each class keeps
/// exactly what its period (default or tenant override) allows, and the balance still equals the ledger's sum.
/// </summary>
public sealed class RetentionPurgeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ScriptedAccountLines _lines = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private NpgsqlDataSource _db = null!;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _db = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("retention"));
        await Exec("INSERT INTO accounts (account_id, tenant_id, rate_plan_id, fraud_limits) VALUES ('acct-a', 't-a', 'p', '{}'), ('acct-b', 't-b', 'p', '{}')");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Purge_KeepsExactlyWhatEachPeriodAllows_AndTheBalanceStillEqualsTheLedger()
    {
        await new RetentionOverrideStore(_db).SetAsync("t-b", new Dictionary<RetentionClass, int> { [RetentionClass.CallRecords] = 30 }, default);
        await Cdr("a-old", "acct-a", "t-a", daysAgo: 400);
        await Cdr("a-new", "acct-a", "t-a", daysAgo: 300);
        await Cdr("b-mid", "acct-b", "t-b", daysAgo: 60);
        await Cdr("b-new", "acct-b", "t-b", daysAgo: 10);
        await Ledger("acct-a", "credit:1", "credit", 100m, daysAgo: 3000);
        await Ledger("acct-a", "call:x", "call", -3m, daysAgo: 2900);
        await Ledger("acct-a", "call:y", "call", -2m, daysAgo: 365);
        await TopUp("tx-old", "acct-a", daysAgo: 3000);
        await TopUp("tx-new", "acct-a", daysAgo: 365);
        await Alert("t-a", daysAgo: 400);
        await Alert("t-a", daysAgo: 100);
        await Audit("t-a", daysAgo: 3000);
        await Audit(null, daysAgo: 365);
        await Registration("t-a", daysAgo: 91);
        await Registration("t-a", daysAgo: 89);

        var report = await Purge().RunAsync(dryRun: false, default);

        Assert.True(report.Ran);
        Assert.Equal(2, report.Rows[RetentionClass.CallRecords]);
        Assert.Equal(3, report.Rows[RetentionClass.Billing]);
        Assert.Equal(1, report.Rows[RetentionClass.FraudAlerts]);
        Assert.Equal(1, report.Rows[RetentionClass.AuditLog]);
        Assert.Equal(1, report.Rows[RetentionClass.RegistrationHistory]);
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM registration_history"));
        Assert.Equal(["a-new", "b-new"], await Strings("SELECT call_id FROM cdrs ORDER BY call_id"));
        Assert.Equal(["call:y", "carried-forward"], await Strings("SELECT reference FROM ledger ORDER BY reference"));
        Assert.Equal(97m, await Scalar<decimal>("SELECT amount FROM ledger WHERE kind = 'carried'"));
        Assert.Equal(95m, await Scalar<decimal>("SELECT sum(amount) FROM ledger WHERE account_id = 'acct-a'"));
        Assert.Equal(95m, await Scalar<decimal>("SELECT balance FROM accounts WHERE account_id = 'acct-a'"));
        Assert.Equal(["tx-new"], await Strings("SELECT tx_hash FROM topups"));
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM fraud_alerts"));
        // Append-only: the old audit row is reported due and stays for the administrator.
        Assert.Equal(2, await Scalar<long>("SELECT count(*) FROM audit_log"));

        // Nothing left to purge, and the carried row is not counted twice.
        var again = await Purge().RunAsync(dryRun: false, default);
        Assert.All(again.Rows.Where(r => r.Key != RetentionClass.AuditLog), r => Assert.Equal(0, r.Value));
        Assert.Equal(1, again.Rows[RetentionClass.AuditLog]);
        Assert.Equal(97m, await Scalar<decimal>("SELECT amount FROM ledger WHERE kind = 'carried'"));
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldGo_AndDeletesNothing()
    {
        await Cdr("old", "acct-a", "t-a", daysAgo: 366);
        await Cdr("new", "acct-a", "t-a", daysAgo: 364);
        await Ledger("acct-a", "credit:1", "credit", 5m, daysAgo: 3000);

        var report = await Purge().RunAsync(dryRun: true, default);

        Assert.True(report.DryRun);
        Assert.Equal(1, report.Rows[RetentionClass.CallRecords]);
        Assert.Equal(1, report.Rows[RetentionClass.Billing]);
        Assert.Equal(2, await Scalar<long>("SELECT count(*) FROM cdrs"));
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM ledger"));
    }

    [Fact]
    public async Task Purge_WorksInBatches_UntilNothingOldIsLeft()
    {
        for (var i = 0; i < 7; i++)
        {
            await Cdr($"old-{i}", "acct-a", "t-a", daysAgo: 400 + i);
        }

        var report = await Purge(batchSize: 2).RunAsync(dryRun: false, default);

        Assert.Equal(7, report.Rows[RetentionClass.CallRecords]);
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM cdrs"));
    }

    [Fact]
    public async Task Purge_AnotherSiloHoldsTheLock_SkipsItsTurn()
    {
        await Cdr("old", "acct-a", "t-a", daysAgo: 400);
        await using var other = await _db.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", other))
        {
            take.Parameters.AddWithValue("key", RetentionPurge.LockKey);
            await take.ExecuteNonQueryAsync();
        }

        var report = await Purge().RunAsync(dryRun: false, default);

        Assert.False(report.Ran);
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM cdrs"));
    }

    [Fact]
    public async Task Purge_CancelledAccountDue_RemovesItsLinesAndTheirRegistrationsBeforeMarkingItAnonymised()
    {
        await Exec("""
            INSERT INTO accounts (account_id, tenant_id, rate_plan_id, fraud_limits, status, cancelled_at)
            VALUES ('acct-c', 't-c', 'p', '{}', 'cancelled', @gone), ('acct-d', 't-d', 'p', '{}', 'cancelled', @recent)
            """, ("gone", Now.AddDays(-31)), ("recent", Now.AddDays(-29)));
        _lines.Add("t-c", "acct-c", "1001", "1002");
        _lines.Add("t-d", "acct-d", "1001");
        await Registration("t-c", daysAgo: 1);
        await Registration("t-d", daysAgo: 1);
        _lines.FailNextRemoval = true;

        // The grains fail: the registration history is already gone, but the account is not marked, so it stays due.
        await Assert.ThrowsAsync<TimeoutException>(() => Purge().RunAsync(dryRun: false, default));
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM registration_history WHERE tenant_id = 't-c'"));
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM accounts WHERE anonymised_at IS NOT NULL"));

        var report = await Purge().RunAsync(dryRun: false, default);

        Assert.Equal(1, report.AnonymisedAccounts);
        Assert.Equal(["t-c/1001", "t-c/1002"], _lines.Removed);
        Assert.Equal(["acct-c"], await Strings("SELECT account_id FROM accounts WHERE anonymised_at IS NOT NULL"));
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM registration_history WHERE tenant_id = 't-d'"));

        // Done once: nothing is removed or anonymised again.
        Assert.Equal(0, (await Purge().RunAsync(dryRun: false, default)).AnonymisedAccounts);
        Assert.Equal(2, _lines.Removed.Count);
    }

    private RetentionPurge Purge(int batchSize = 5_000) => new(
        _db, _lines, Options.Create(new RetentionOptions { BatchSize = batchSize }),
        new RetentionMetrics(_services.GetRequiredService<IMeterFactory>()), _time, NullLogger<RetentionPurge>.Instance);

    private Task Cdr(string callId, string account, string tenant, int daysAgo) => Exec(
        """
        INSERT INTO cdrs (call_id, account_id, tenant_id, caller, callee, direction, started_at, ended_at, duration_seconds,
                          billed_seconds, cost, final_sip_status, disposition, caller_leg_call_id, callee_leg_call_id, edge_id)
        VALUES (@id, @account, @tenant, '1001', '441234567890', 'outbound', @at, @at, 10, 10, 0.1, 200, 'answered', 'l1', 'l2', 'e')
        """, ("id", callId), ("account", account), ("tenant", tenant), ("at", Now.AddDays(-daysAgo)));

    /// <summary>Posts a ledger row and moves the balance with it, as the stores do.</summary>
    private Task Ledger(string account, string reference, string kind, decimal amount, int daysAgo) => Exec(
        """
        WITH posted AS (INSERT INTO ledger (account_id, reference, kind, amount, created_at) VALUES (@account, @ref, @kind, @amount, @at) RETURNING amount)
        UPDATE accounts SET balance = balance + (SELECT amount FROM posted) WHERE account_id = @account
        """, ("account", account), ("ref", reference), ("kind", kind), ("amount", amount), ("at", Now.AddDays(-daysAgo)));

    private Task TopUp(string txHash, string account, int daysAgo) => Exec(
        """
        INSERT INTO topups (coin, tx_hash, account_id, amount, confirmations, required_confirmations, eur_rate, eur_amount, status, first_seen_at)
        VALUES ('btc', @tx, @account, 0.001, 6, 6, 50000, 50, 'credited', @at)
        """, ("tx", txHash), ("account", account), ("at", Now.AddDays(-daysAgo)));

    private Task Alert(string tenant, int daysAgo) => Exec(
        "INSERT INTO fraud_alerts (alert_id, account_id, tenant_id, rule, reason, raised_at) VALUES (gen_random_uuid(), 'acct-a', @tenant, 'r', 'r', @at)",
        ("tenant", tenant), ("at", Now.AddDays(-daysAgo)));

    private Task Audit(string? tenant, int daysAgo) => Exec(
        "INSERT INTO audit_log (at, key_id, key_name, tenant_id, method, route, resource, status) VALUES (@at, 'k', 'k', @tenant, 'GET', '/', '', 200)",
        ("at", Now.AddDays(-daysAgo)), ("tenant", (object?)tenant ?? DBNull.Value));

    private Task Registration(string tenant, int daysAgo) => Exec(
        "INSERT INTO registration_history (tenant_id, extension, registered_at, source_ip, user_agent, expires) VALUES (@tenant, '1001', @at, '192.0.2.7', 'Yealink', 3600)",
        ("tenant", tenant), ("at", Now.AddDays(-daysAgo)));

    private async Task Exec(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = _db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> Strings(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
