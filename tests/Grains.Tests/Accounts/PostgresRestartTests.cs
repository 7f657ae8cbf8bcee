using System.Diagnostics;
using Npgsql;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Tests.Support;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Grains.Tests.Accounts;

/// <summary>
/// PostgreSQL restarted (fast shutdown: every connection dropped) while calls are authorised, answered and settled
/// on one account: settlements retried the way call grains retry them still charge each call once, nothing stays
/// reserved, no lease is left behind, and new calls go through as soon as the server is back.
/// </summary>
public sealed class PostgresRestartTests
{
    private const int Calls = 120;
    private const int Concurrency = 12;

    [Fact]
    public async Task RestartUnderLoad_EveryCallSettledOnce_NothingLeftReserved()
    {
        await using var billing = await BillingCluster.StartAsync(silos: 1, postgres: true);
        var account = await billing.OpenAsync("acct-pg-restart", 100m);
        var settled = 0;
        var refused = 0;
        var restart = Task.CompletedTask;
        using var gate = new SemaphoreSlim(Concurrency);
        var calls = Enumerable.Range(0, Calls).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                if (i == Calls / 3)
                {
                    restart = (await PostgresServer.GetAsync()).RestartAsync();
                }

                if (await OneCallAsync(account, $"call-pgr-{i}"))
                {
                    Interlocked.Increment(ref settled);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(calls);
        await restart;

        // A new call right after the restart goes through, well within 10 s.
        var clock = Stopwatch.StartNew();
        Assert.True(await OneCallAsync(account, "call-pgr-after"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"first call after the restart took {clock.Elapsed}");

        var (_, cdrs, _) = await BillingInvariant.AssertAsync(billing, "acct-pg-restart", 100m);
        Assert.Equal(settled + 1, cdrs.Count);
        Assert.Equal(cdrs.Count, cdrs.Select(c => c.CallId).Distinct().Count());
        Assert.True(settled >= Calls - Concurrency, $"{refused} of {Calls} calls refused around the restart");
        // An authorisation whose answer was lost in the restart holds its credit until its lease runs out (15 s).
        var snapshot = await Switchboard.Grains.Tests.Calls.Support.Eventually.Get(account.GetSnapshot, s => s.ActiveCalls == 0, TimeSpan.FromSeconds(25));
        Assert.Equal(0m, snapshot.Reserved);
        await using var connection = new NpgsqlConnection(billing.Cluster.PostgresConnectionString);
        await connection.OpenAsync();
        await using var leases = new NpgsqlCommand("SELECT count(*) FROM call_leases", connection);
        Assert.Equal(0L, (long)(await leases.ExecuteScalarAsync())!);
    }

    /// <summary>Authorise, answer, settle, retrying the settlement as a call grain does (bounded).</summary>
    private static async Task<bool> OneCallAsync(IAccountGrain account, string callId)
    {
        var started = DateTimeOffset.UtcNow;
        CallAuthorization authorization;
        try
        {
            authorization = await account.AuthorizeCall(new CallAuthorizationRequest(callId, "1001", "4930123456", CallDirection.Outbound, started));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            return false;
        }

        if (!authorization.Allowed)
        {
            return false;
        }

        var answered = started.AddMilliseconds(100);
        var cdr = new CallDetailRecord(callId, "acct-pg-restart", "demo", "1001", "4930123456", CallDirection.Outbound,
            started, answered, answered.AddSeconds(7), 200, CallDisposition.Answered, callId + "-a", callId + "-b", "edge-1", "trunk-1");
        await account.CallAnswered(new CallLease(cdr with { EndedAt = answered }, authorization.Rate, 60, authorization.ReservedAmount, started));
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                await account.SettleCall(cdr);
                return true;
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                await Task.Delay(250);
            }
        }

        throw new TimeoutException($"{callId} never settled");
    }
}
