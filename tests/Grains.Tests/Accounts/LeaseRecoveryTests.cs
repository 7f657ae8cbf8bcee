using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Tests.Calls.Support;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Accounts;

/// <summary>
/// Call state lives in memory; what outlives a silo is the lease. A call whose renewals stop is billed once, up to
/// its last renewal, and its credit is released, whether or not the account was lost with it.
/// </summary>
public sealed class LeaseRecoveryTests
{
    private static readonly TimeSpan RenewPeriod = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(2);

    private static Task<BillingCluster> StartAsync(short silos) =>
        BillingCluster.StartAsync(silos, postgres: true, configureSilo: silo => silo.Services.Configure<BillingOptions>(o =>
        {
            o.LeaseRenewPeriod = RenewPeriod;
            o.LeaseTime = LeaseTime;
        }));

    /// <summary>An outbound call to Berlin (0.60 EUR/min, 1/1) answered <paramref name="upFor"/> ago.</summary>
    private static CallLease Lease(string callId, string accountId, TimeSpan upFor)
    {
        var now = DateTimeOffset.UtcNow;
        var answered = now - upFor;
        var cdr = new CallDetailRecord(callId, accountId, "demo", "1001", "4930123456", CallDirection.Outbound,
            answered.AddSeconds(-3), answered, answered, 200, CallDisposition.Answered, callId + "-a", callId + "-b", "edge-1", "trunk-1");
        return new CallLease(cdr, new AppliedRate("4930", "Berlin", 0.60m, 0m, 1, 1, 0), 60, 0.60m, answered.AddSeconds(-3));
    }

    private static async Task<CallLease> AnsweredCallAsync(IAccountGrain account, string callId, string accountId, TimeSpan upFor)
    {
        var lease = Lease(callId, accountId, upFor);
        var authorization = await account.AuthorizeCall(new CallAuthorizationRequest(
            callId, "1001", "4930123456", CallDirection.Outbound, lease.AuthorizedAt));
        Assert.True(authorization.Allowed);
        await account.CallAnswered(lease);
        await account.RenewLeases([lease]);
        return lease;
    }

    [Fact]
    public async Task CallGrainLost_AccountBillsTheCallUpToItsLastRenewal_Once_AndReleasesTheCredit()
    {
        await using var billing = await StartAsync(silos: 1);
        var account = await billing.OpenAsync("acct-lost-call", 10m);
        await AnsweredCallAsync(account, "call-lost-1", "acct-lost-call", TimeSpan.FromSeconds(30));

        // Nobody renews any more (the call's silo is gone): the lease runs out and the account settles it.
        var cdr = await Eventually.Get(() => billing.Cdrs.GetAsync("call-lost-1", null), c => c is not null, TimeSpan.FromSeconds(15));

        Assert.Equal(CallDisposition.Answered, cdr!.Disposition);
        Assert.InRange(cdr.DurationSeconds, 30, 32);
        Assert.Equal(decimal.Round(cdr.BilledSeconds * 0.01m, 6), cdr.Cost);
        var snapshot = await account.GetSnapshot();
        Assert.Equal((0m, 0), (snapshot.Reserved, snapshot.ActiveCalls));
        await BillingInvariant.AssertAsync(billing, "acct-lost-call", 10m);

        // The call grain turns up late after all: its settlement changes nothing, its lease is not taken back.
        var late = await account.SettleCall(cdr with { EndedAt = cdr.EndedAt.AddMinutes(1) });
        Assert.True(late.AlreadySettled);
        await account.RenewLeases([Lease("call-lost-1", "acct-lost-call", TimeSpan.FromSeconds(90))]);
        Assert.Equal(0, (await account.GetSnapshot()).ActiveCalls);
        Assert.Equal(0, await CountLeases(billing));
    }

    /// <summary>An emergency call lost with its silo leaves its CDR too, at no charge, even on a locked, empty account.</summary>
    [Fact]
    public async Task EmergencyCallLost_CdrWrittenFromItsLease_NothingCharged()
    {
        await using var billing = await StartAsync(silos: 1);
        var account = await billing.OpenAsync("acct-lost-sos", 0m);
        await account.SetStatus(AccountStatus.Locked, "fraud suspected");
        var answered = DateTimeOffset.UtcNow.AddSeconds(-20);
        var authorization = await account.AuthorizeCall(new CallAuthorizationRequest(
            "call-lost-sos", "1001", "112", CallDirection.Emergency, answered.AddSeconds(-3)));
        Assert.True(authorization.Allowed, authorization.Reason);
        var cdr = new CallDetailRecord("call-lost-sos", "acct-lost-sos", "demo", "1001", "112", CallDirection.Emergency,
            answered.AddSeconds(-3), answered, answered, 200, CallDisposition.Answered, "sos-a", "sos-b", "edge-1", "psap");
        var lease = new CallLease(cdr, null, (int)authorization.ReservedUntil.TotalSeconds, 0m, answered.AddSeconds(-3));
        await account.CallAnswered(lease);
        await account.RenewLeases([lease]);

        var settled = await Eventually.Get(() => billing.Cdrs.GetAsync("call-lost-sos", null), c => c is not null, TimeSpan.FromSeconds(15));

        Assert.Equal((CallDirection.Emergency, CallDisposition.Answered, 0m), (settled!.Direction, settled.Disposition, settled.Cost));
        Assert.InRange(settled.DurationSeconds, 20, 22);
        var snapshot = await account.GetSnapshot();
        Assert.Equal((0m, 0m, 0), (snapshot.Balance, snapshot.Reserved, snapshot.ActiveCalls));
    }

    [Fact]
    public async Task RenewedCall_IsNeverTakenForLost()
    {
        await using var billing = await StartAsync(silos: 1);
        var account = await billing.OpenAsync("acct-live-call", 10m);
        var lease = await AnsweredCallAsync(account, "call-live-1", "acct-live-call", TimeSpan.FromSeconds(5));

        // Renewed for three lease times: still held, no CDR.
        var until = DateTimeOffset.UtcNow + LeaseTime * 3;
        while (DateTimeOffset.UtcNow < until)
        {
            await account.RenewLeases([lease]);
            await Task.Delay(RenewPeriod);
        }

        Assert.Null(await billing.Cdrs.GetAsync("call-live-1", null));
        Assert.Equal(1, (await account.GetSnapshot()).ActiveCalls);
        Assert.Equal(1, await CountLeases(billing));
    }

    [Fact]
    public async Task AccountAndCallsLostTogether_SweeperWakesTheAccount_WhichBillsFromTheJournal()
    {
        await using var billing = await StartAsync(silos: 2);
        var account = await billing.OpenAsync("acct-lost-both", 10m);
        var first = await AnsweredCallAsync(account, "call-both-1", "acct-lost-both", TimeSpan.FromSeconds(20));
        var second = await AnsweredCallAsync(account, "call-both-2", "acct-lost-both", TimeSpan.FromSeconds(40));

        // The calls' silo keeps renewing until the account has journalled both leases (after AccountJournal.LeaseDelay).
        await Eventually.Get(
            async () =>
            {
                await account.RenewLeases([first, second]);
                return await CountLeases(billing);
            },
            n => n == 2);

        await billing.Cluster.Cluster.KillSiloAsync(await billing.HostOfAsync(account));

        // No grain call reaches the account: only the survivor's sweeper can wake it.
        var survivor = billing.Cluster.Cluster.Silos.First(s => s.IsActive).ServiceProvider;
        var cdrs = survivor.GetRequiredService<Switchboard.Grains.Storage.ICdrStore>();
        foreach (var callId in new[] { "call-both-1", "call-both-2" })
        {
            var cdr = await Eventually.Get(() => cdrs.GetAsync(callId, null), c => c is not null, TimeSpan.FromSeconds(60));
            Assert.Equal(CallDisposition.Answered, cdr!.Disposition);
            Assert.True(cdr.Cost > 0m);
        }

        Assert.Equal(0, await CountLeases(billing));
        await BillingInvariant.AssertAsync(billing, "acct-lost-both", 10m);
    }

    private static async Task<long> CountLeases(BillingCluster billing)
    {
        await using var connection = new NpgsqlConnection(billing.Cluster.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM call_leases", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
