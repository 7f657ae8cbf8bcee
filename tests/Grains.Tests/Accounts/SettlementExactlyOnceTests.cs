using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Accounts;

/// <summary>
/// Retries, duplicate BYEs and a silo killed mid-settlement on a two-silo PostgreSQL cluster: one CDR, one charge.
/// </summary>
public sealed class SettlementExactlyOnceTests
{
    private static CallAuthorizationRequest Invite(string callId) =>
        new(callId, "1001", "4930123456", CallDirection.Outbound, Cdrs.T0);

    [Fact]
    public async Task SettleCall_RetriedAndDuplicated_ChargesOnce()
    {
        await using var billing = await BillingCluster.StartAsync(silos: 2, postgres: true);
        var account = await billing.OpenAsync("acct-dup", 10m);
        await account.AuthorizeCall(Invite("call-dup"));
        await account.ExtendReservation("call-dup", TimeSpan.FromSeconds(55));
        var cdr = Cdrs.Answered("call-dup", "acct-dup", 90);

        var parallel = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => account.SettleCall(cdr)));
        var retry = await account.SettleCall(cdr with { EndedAt = cdr.EndedAt.AddMinutes(5) }); // a later, different BYE

        Assert.Single(parallel, r => !r.AlreadySettled);
        Assert.All(parallel, r => Assert.Equal((0.90m, 9.10m), (r.Cost, r.BalanceAfter)));
        Assert.True(retry.AlreadySettled);
        Assert.Equal(0.90m, retry.Cost);
        var (balance, cdrs, _) = await BillingInvariant.AssertAsync(billing, "acct-dup", 10m);
        Assert.Equal(9.10m, balance);
        Assert.Single(cdrs);
    }

    [Fact]
    public async Task SettleCall_HostingSiloKilledMidSettlement_RetryOnSurvivorChargesOnce()
    {
        await using var billing = await BillingCluster.StartAsync(silos: 2, postgres: true);
        var account = await billing.OpenAsync("acct-failover", 10m);
        var calls = Enumerable.Range(0, 6).Select(i => $"call-fo-{i}").ToList();
        foreach (var call in calls)
        {
            await account.AuthorizeCall(Invite(call));
        }

        // Settle the first call before the kill: its retry after failover must find it settled.
        var before = await account.SettleCall(Cdrs.Answered(calls[0], "acct-failover", 30));

        var host = await billing.HostOfAsync(account);
        var inFlight = calls.Skip(1).Select(call => Capture(account.SettleCall(Cdrs.Answered(call, "acct-failover", 30)))).ToList();
        await billing.Cluster.Cluster.KillSiloAsync(host);
        await Task.WhenAll(inFlight);

        // The call grains retry every settlement (outcome unknown) until the account answers from the survivor.
        var results = new List<SettlementResult>();
        foreach (var call in calls)
        {
            results.Add(await RetryAsync(() => account.SettleCall(Cdrs.Answered(call, "acct-failover", 30))));
        }

        Assert.NotEqual(host, await billing.HostOfAsync(account));
        Assert.False(before.AlreadySettled);
        Assert.True(results[0].AlreadySettled);
        Assert.All(results, r => Assert.Equal(0.30m, r.Cost));
        var (balance, cdrs, ledger) = await BillingInvariant.AssertAsync(billing, "acct-failover", 10m);
        Assert.Equal(10m - (6 * 0.30m), balance);
        Assert.Equal(6, cdrs.Count);
        Assert.Equal(6, ledger.Count(e => e.Kind == LedgerEntryKind.Call));
        Assert.Equal(0m, (await account.GetSnapshot()).Reserved); // reservations were persisted and then released
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Bounded retry, as a call grain does for an unknown outcome: at most 60 attempts, 0.5 s apart.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (i < 60 && ex is not ArgumentException and not Xunit.Sdk.XunitException)
            {
                await Task.Delay(500);
            }
        }
    }
}
