using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Tests.Support;
using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Tests.Storage;

/// <summary>
/// The semantics both store implementations promise, run against each: exactly-once settlement, credits and top-ups,
/// the balance invariant, tenant scoping of every read.
/// </summary>
public abstract class BillingStoreContract : IAsyncLifetime
{
    private const string Hash = "b1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private BillingStores? _stores;

    protected BillingStores Stores => _stores!;

    protected abstract Task<BillingStores> CreateAsync();

    public async Task InitializeAsync() => _stores = await CreateAsync();

    public async Task DisposeAsync() => await Stores.DisposeAsync();

    private async Task OpenAsync(string accountId, decimal credit = 10m, string tenantId = "demo")
    {
        await Stores.Accounts.UpsertAsync(accountId, new AccountSettings(tenantId, "plan-retail", 0m, FraudLimits.Default));
        if (credit != 0m)
        {
            await Stores.Accounts.CreditAsync(accountId, new AccountCredit("opening", credit, "opening credit"));
        }
    }

    [Fact]
    public async Task Settle_SameCallTwice_ChargesOnceAndReturnsTheFirstCdr()
    {
        await OpenAsync("acct-a");

        var first = await Stores.Cdrs.SettleAsync(Cdrs.Rated("call-1", "acct-a", 90));
        var second = await Stores.Cdrs.SettleAsync(Cdrs.Rated("call-1", "acct-a", 600));

        Assert.False(first.AlreadySettled);
        Assert.True(second.AlreadySettled);
        Assert.Equal(8.5m, first.Balance);
        Assert.Equal(8.5m, second.Balance);
        Assert.Equal(1.5m, second.Record.Cost);
        Assert.Equal(0.75m, second.Record.CarrierCost);
        Assert.Equal(0.75m, second.Record.Margin);
        Assert.Equal(90, second.Record.BilledSeconds);
        Assert.Equal("49", second.Record.Rate!.Prefix);
        Assert.NotNull(second.Record.SettledAt);
        await AssertInvariantAsync("acct-a", credits: 10m);

        // The ledger outlives the CDR by years: it names the call by reference, never by the number dialled.
        var charge = Assert.Single(await Stores.Accounts.GetLedgerAsync(new LedgerQuery("acct-a", "demo")), e => e.Kind == LedgerEntryKind.Call);
        Assert.Equal("call:call-1", charge.Reference);
        Assert.DoesNotContain(second.Record.Callee, charge.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Record.Rate.Prefix, charge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_ConcurrentDuplicates_ExactlyOneCharges()
    {
        await OpenAsync("acct-a");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Stores.Cdrs.SettleAsync(Cdrs.Rated("call-1", "acct-a", 60)))));

        Assert.Single(outcomes, o => !o.AlreadySettled);
        Assert.Equal(9m, (await Stores.Accounts.GetAsync("acct-a"))!.Balance);
        await AssertInvariantAsync("acct-a", credits: 10m);
    }

    [Fact]
    public async Task Settle_UnansweredCall_StoresCdrWithDispositionAndNoLedgerRow()
    {
        await OpenAsync("acct-a");

        var outcome = await Stores.Cdrs.SettleAsync(Cdrs.Unanswered("call-busy", "acct-a"));

        Assert.Equal(10m, outcome.Balance);
        var cdr = await Stores.Cdrs.GetAsync("call-busy", "demo");
        Assert.Equal(CallDisposition.Busy, cdr!.Disposition);
        Assert.Equal(486, cdr.FinalSipStatus);
        Assert.Null(cdr.AnsweredAt);
        Assert.Equal(0m, cdr.Cost);
        var ledger = await Stores.Accounts.GetLedgerAsync(new LedgerQuery("acct-a", "demo"));
        Assert.Single(ledger); // the opening credit only
    }

    [Fact]
    public async Task Credit_SameReferenceTwice_AppliedOnce()
    {
        await OpenAsync("acct-a", credit: 0m);

        var first = await Stores.Accounts.CreditAsync("acct-a", new AccountCredit("inv-42", 25.123456m, "invoice 42"));
        var again = await Stores.Accounts.CreditAsync("acct-a", new AccountCredit("inv-42", 25.123456m, "invoice 42"));

        Assert.True(first.Applied);
        Assert.False(again.Applied);
        Assert.Equal(25.123456m, again.Balance);
        await AssertInvariantAsync("acct-a", credits: 25.123456m);
    }

    [Fact]
    public async Task TopUp_BelowThreshold_StaysPendingThenCreditsExactlyOnce()
    {
        await OpenAsync("acct-a", credit: 0m);
        var deposit = new CryptoDeposit("BTC", Hash, 0.0015m, 1, 80000m);

        var pending = await Stores.TopUps.ReportAsync("acct-a", deposit, requiredConfirmations: 3);
        var stillPending = await Stores.TopUps.ReportAsync("acct-a", deposit with { Confirmations = 2, EurRate = 81000m }, 3);
        var credited = await Stores.TopUps.ReportAsync("acct-a", deposit with { Confirmations = 3, EurRate = 82000m }, 3);
        var later = await Stores.TopUps.ReportAsync("acct-a", deposit with { Confirmations = 9, EurRate = 99000m }, 3);
        var stale = await Stores.TopUps.ReportAsync("acct-a", deposit with { Confirmations = 1 }, 3);

        Assert.Equal((TopUpStatus.Pending, false, 0m), (pending.Status, pending.CreditedNow, pending.BalanceAfter));
        Assert.Equal((TopUpStatus.Pending, false, 2), (stillPending.Status, stillPending.CreditedNow, stillPending.Confirmations));
        Assert.Equal((TopUpStatus.Credited, true, 123m, 123m), (credited.Status, credited.CreditedNow, credited.EurAmount, credited.BalanceAfter));
        Assert.Equal((TopUpStatus.Credited, false, 123m, 123m, 9), (later.Status, later.CreditedNow, later.EurAmount, later.BalanceAfter, later.Confirmations));
        Assert.Equal((TopUpStatus.Credited, false, 9), (stale.Status, stale.CreditedNow, stale.Confirmations)); // confirmations never go back
        var listed = Assert.Single(await Stores.TopUps.ListAsync(new TopUpQuery("demo", "acct-a")));
        Assert.Equal((82000m, 123m, TopUpStatus.Credited), (listed.EurRate, listed.EurAmount, listed.Status));
        Assert.NotNull(listed.CreditedAt);
        var entry = Assert.Single(await Stores.Accounts.GetLedgerAsync(new LedgerQuery("acct-a", "demo")));
        Assert.Equal((LedgerEntryKind.TopUp, 123m, $"topup:BTC:{Hash}"), (entry.Kind, entry.Amount, entry.Reference));
        await AssertInvariantAsync("acct-a", credits: 123m);
    }

    [Fact]
    public async Task TopUp_ConcurrentReportsAtThreshold_CreditOnce()
    {
        await OpenAsync("acct-a", credit: 0m);
        var deposit = new CryptoDeposit("ETH", "0x" + Hash, 0.5m, 12, 3000m);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Stores.TopUps.ReportAsync("acct-a", deposit, 12))));

        Assert.Single(results, r => r.CreditedNow);
        Assert.Equal(1500m, (await Stores.Accounts.GetAsync("acct-a"))!.Balance);
        await AssertInvariantAsync("acct-a", credits: 1500m);
    }

    [Fact]
    public async Task TopUp_SameHashForAnotherAccountOrAmount_IsRejected()
    {
        await OpenAsync("acct-a", credit: 0m);
        await OpenAsync("acct-b", credit: 0m);
        var deposit = new CryptoDeposit("USDT-TRC20", Hash, 100m, 19, 0.92m);
        await Stores.TopUps.ReportAsync("acct-a", deposit, 19);

        var otherAccount = await Stores.TopUps.ReportAsync("acct-b", deposit, 19);
        var otherAmount = await Stores.TopUps.ReportAsync("acct-a", deposit with { Amount = 1000m }, 19);

        Assert.Equal(TopUpStatus.Rejected, otherAccount.Status);
        Assert.Equal(TopUpStatus.Rejected, otherAmount.Status);
        Assert.Equal(0m, (await Stores.Accounts.GetAsync("acct-b"))!.Balance);
        Assert.Equal(92m, (await Stores.Accounts.GetAsync("acct-a"))!.Balance);
    }

    [Fact]
    public async Task CdrSearch_FiltersScopeAndPages()
    {
        await OpenAsync("acct-a");
        await OpenAsync("acct-x", tenantId: "other");
        for (var i = 0; i < 5; i++)
        {
            await Stores.Cdrs.SettleAsync(Cdrs.Rated($"call-{i}", "acct-a", 10, callee: i % 2 == 0 ? "4930111" : "4420222") with
            {
                StartedAt = Cdrs.T0.AddMinutes(i),
            });
        }

        await Stores.Cdrs.SettleAsync(Cdrs.Rated("call-x", "acct-x", 10, tenantId: "other"));

        var tenant = await Stores.Cdrs.SearchAsync(new CdrQuery("demo"));
        var berlin = await Stores.Cdrs.SearchAsync(new CdrQuery("demo", Number: "4930"));
        var window = await Stores.Cdrs.SearchAsync(new CdrQuery("demo", From: Cdrs.T0.AddMinutes(1), To: Cdrs.T0.AddMinutes(3)));
        var page2 = await Stores.Cdrs.SearchAsync(new CdrQuery("demo", "acct-a", Limit: 2, Offset: 2));
        var everyone = await Stores.Cdrs.SearchAsync(new CdrQuery(null));
        var wildcard = await Stores.Cdrs.SearchAsync(new CdrQuery("demo", Number: "%"));

        Assert.Equal(["call-4", "call-3", "call-2", "call-1", "call-0"], tenant.Select(c => c.CallId));
        Assert.Equal(["call-4", "call-2", "call-0"], berlin.Select(c => c.CallId));
        Assert.Equal(["call-2", "call-1"], window.Select(c => c.CallId));
        Assert.Equal(["call-2", "call-1"], page2.Select(c => c.CallId));
        Assert.Equal(6, everyone.Count);
        Assert.Empty(wildcard);
        Assert.Null(await Stores.Cdrs.GetAsync("call-x", "demo"));
        Assert.NotNull(await Stores.Cdrs.GetAsync("call-x", "other"));
    }

    [Fact]
    public async Task Reads_OfAnotherTenant_ReturnNothing()
    {
        await OpenAsync("acct-a");
        await OpenAsync("acct-x", tenantId: "other");
        await Stores.Alerts.AddAsync(new FraudAlert(Guid.NewGuid(), "acct-x", "other", FraudRule.CallsPerMinute, "rate", "c1", "4930", Cdrs.T0, false));

        Assert.Empty(await Stores.Accounts.GetLedgerAsync(new LedgerQuery("acct-x", "demo")));
        Assert.Single(await Stores.Accounts.GetLedgerAsync(new LedgerQuery("acct-x", "other")));
        Assert.Equal(["acct-a"], (await Stores.Accounts.ListAsync(new AccountQuery("demo"))).Select(a => a.AccountId));
        Assert.Equal(2, (await Stores.Accounts.ListAsync(new AccountQuery(null))).Count);
        Assert.Empty(await Stores.Alerts.ListAsync(new FraudAlertQuery("demo")));
        Assert.Single(await Stores.Alerts.ListAsync(new FraudAlertQuery("other", "acct-x")));
        Assert.Empty(await Stores.TopUps.ListAsync(new TopUpQuery("demo", "acct-x")));
    }

    [Fact]
    public async Task Account_UpsertAndStatus_KeepBalance()
    {
        await OpenAsync("acct-a");
        var limits = new FraudLimits(3, 7, 50m, ["4490"], ["49"]) { BreachesBeforeLock = 2, ApplyDefaultDenyList = false };

        await Stores.Accounts.UpsertAsync("acct-a", new AccountSettings("demo", "plan-gold", 5m, limits));
        var locked = await Stores.Accounts.SetStatusAsync("acct-a", AccountStatus.Locked, "fraud");

        Assert.Equal(("plan-gold", 5m, 10m, AccountStatus.Locked, "fraud"), (locked!.RatePlanId, locked.CreditLimit, locked.Balance, locked.Status, locked.StatusReason));
        Assert.Equal(limits.BlockedPrefixes, locked.FraudLimits.BlockedPrefixes);
        Assert.Equal((2, false), (locked.FraudLimits.BreachesBeforeLock, locked.FraudLimits.ApplyDefaultDenyList));
        Assert.Null(await Stores.Accounts.SetStatusAsync("acct-missing", AccountStatus.Locked, "x"));
    }

    [Fact]
    public async Task Account_Cancelled_StaysCancelled_WhateverIsAskedLater()
    {
        await OpenAsync("acct-a");

        Assert.Equal(AccountStatus.Cancelled, (await Stores.Accounts.SetStatusAsync("acct-a", AccountStatus.Cancelled, "left"))!.Status);
        var unlocked = await Stores.Accounts.SetStatusAsync("acct-a", AccountStatus.Active, "oops");
        var locked = await Stores.Accounts.SetStatusAsync("acct-a", AccountStatus.Locked, "fraud");

        Assert.Equal((AccountStatus.Cancelled, "left"), (unlocked!.Status, unlocked.StatusReason));
        Assert.Equal((AccountStatus.Cancelled, "left"), (locked!.Status, locked.StatusReason));
        Assert.Equal(AccountStatus.Cancelled, (await Stores.Accounts.GetAsync("acct-a"))!.Status);
    }

    [Fact]
    public async Task Account_InsertExistingId_ReturnsNullAndChangesNothing()
    {
        await OpenAsync("acct-a");

        var again = await Stores.Accounts.InsertAsync("acct-a", new AccountSettings("other", "plan-gold", 99m, FraudLimits.Default));

        Assert.Null(again);
        var stored = await Stores.Accounts.GetAsync("acct-a");
        Assert.Equal(("demo", "plan-retail", 0m, 10m), (stored!.TenantId, stored.RatePlanId, stored.CreditLimit, stored.Balance));
    }

    [Fact]
    public async Task Account_ConcurrentInserts_ExactlyOneCreates()
    {
        var inserts = Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            Stores.Accounts.InsertAsync("acct-new", new AccountSettings("demo", "plan-retail", i, FraudLimits.Default))));

        var results = await Task.WhenAll(inserts);

        var winner = Assert.Single(results, r => r is not null);
        var stored = await Stores.Accounts.GetAsync("acct-new");
        Assert.Equal((winner!.CreditLimit, 0m), (stored!.CreditLimit, stored.Balance));
    }

    [Fact]
    public async Task RatePlan_Replace_BumpsVersionAndRoundTrips()
    {
        var entries = RateDeckCsv.Parse(new StringReader("""
            prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
            44,"UK, fixed",0.0100,0.005,60/60,0,2026-01-01,
            447,UK mobile,0.09,0,30/6,30,2026-01-01,2027-01-01
            """)).Entries;

        var v1 = await Stores.Plans.ReplaceAsync("plan-retail", RatePlanKind.Retail, "Retail", entries);
        var v2 = await Stores.Plans.ReplaceAsync("plan-retail", RatePlanKind.Retail, "Retail 2", entries.Take(1).ToList());
        var loaded = await Stores.Plans.LoadAsync("plan-retail");

        Assert.Equal((1L, 2L), (v1.Version, v2.Version));
        Assert.Equal(2L, await Stores.Plans.GetVersionAsync("plan-retail"));
        Assert.Null(await Stores.Plans.GetVersionAsync("plan-none"));
        Assert.Equal(entries.Take(1), loaded!.Entries);
        Assert.Equal(("Retail 2", 1), (loaded.Plan.Description, loaded.Plan.RateCount));
        Assert.Single(await Stores.Plans.ListAsync());
    }

    /// <summary>balance = opening (0) + credits − settled costs, exactly; and every movement is a ledger row.</summary>
    protected async Task AssertInvariantAsync(string accountId, decimal credits)
    {
        var balance = (await Stores.Accounts.GetAsync(accountId))!.Balance;
        var ledger = await Stores.Accounts.GetLedgerAsync(new LedgerQuery(accountId, null, Limit: 1000));
        var costs = (await Stores.Cdrs.SearchAsync(new CdrQuery(null, accountId, Limit: 1000))).Sum(c => c.Cost);

        Assert.Equal(credits - costs, balance);
        Assert.Equal(balance, ledger.Sum(e => e.Amount));
        Assert.Equal(credits, ledger.Where(e => e.Kind != LedgerEntryKind.Call).Sum(e => e.Amount));
    }
}
