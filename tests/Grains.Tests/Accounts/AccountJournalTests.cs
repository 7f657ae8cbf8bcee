using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Storage.Postgres;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Accounts;

/// <summary>
/// The account's journal is a group commit: settlements that arrive while a write is in flight share the next round
/// trip, and each still gets its own outcome, charged once.
/// </summary>
public sealed class AccountJournalTests
{
    [Fact]
    public async Task ConcurrentSettlementsOnOneAccount_ShareRoundTrips_AndEachIsChargedOnce()
    {
        CountingCallLeaseStore? counting = null;
        await using var billing = await BillingCluster.StartAsync(silos: 1, postgres: true, configureSilo: silo =>
            silo.Services.AddSingleton<ICallLeaseStore>(sp =>
                counting = new CountingCallLeaseStore(new PostgresCallLeaseStore(sp.GetRequiredService<NpgsqlDataSource>()))));
        var account = await billing.OpenAsync("acct-journal", 100m);
        const int calls = 60;
        for (var i = 0; i < calls; i++)
        {
            Assert.True((await account.AuthorizeCall(new CallAuthorizationRequest(
                $"call-j-{i}", "1001", "4930123456", CallDirection.Outbound, Cdrs.T0))).Allowed);
        }

        var before = counting!.Commits;
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => account.SettleCall(Cdrs.Answered($"call-j-{i}", "acct-journal", 30))));

        Assert.All(results, r => Assert.Equal((false, 0.30m), (r.AlreadySettled, r.Cost)));
        Assert.Equal(calls, counting.Settlements);
        var roundTrips = counting.Commits - before;
        Assert.InRange(roundTrips, 1, calls / 3);
        var (balance, cdrs, _) = await BillingInvariant.AssertAsync(billing, "acct-journal", 100m);
        Assert.Equal(100m - (calls * 0.30m), balance);
        Assert.Equal(calls, cdrs.Count);
        Assert.Equal(0m, (await account.GetSnapshot()).Reserved);
    }
}
