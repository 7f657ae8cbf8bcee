using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Accounts;

public sealed class AccountGrainTests(BillingClusterFixture fixture) : IClassFixture<BillingClusterFixture>
{
    // Call ids are global (the CDR key); xunit makes a new instance per test, so each test gets its own.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private BillingCluster Billing => fixture.Cluster;

    private string C(string callId) => $"{callId}-{_run}";

    private static CallAuthorizationRequest Invite(string callId, string destination = "4930123456") =>
        new(callId, "1001", destination, CallDirection.Outbound, Cdrs.T0);

    [Fact]
    public async Task AuthorizeCall_Rated_ReservesFirstSliceAndComputesMaxDuration()
    {
        var account = await Billing.OpenAsync("acct-auth", 1.00m);

        var auth = await account.AuthorizeCall(Invite(C("call-1")));

        Assert.True(auth.Allowed);
        Assert.Equal("4930", auth.Rate!.Prefix);                     // longest prefix: Berlin, 0.60 €/min
        Assert.Equal(TimeSpan.FromSeconds(60), auth.ReservedUntil);  // one slice
        Assert.Equal(0.60m, auth.ReservedAmount);
        Assert.Equal(TimeSpan.FromSeconds(100), auth.MaxDuration);   // 1.00 € at 0.60 €/min
        var snapshot = await account.GetSnapshot();
        Assert.Equal((1.00m, 0.60m, 1), (snapshot.Balance, snapshot.Reserved, snapshot.ActiveCalls));
    }

    [Fact]
    public async Task AuthorizeCall_RetriedForSameCall_KeepsOneReservation()
    {
        var account = await Billing.OpenAsync("acct-retry-auth", 1.00m);

        var first = await account.AuthorizeCall(Invite(C("call-1")));
        var again = await account.AuthorizeCall(Invite(C("call-1")));

        Assert.Equal(first.ReservedAmount, again.ReservedAmount);
        Assert.Equal(first.ReservedUntil, again.ReservedUntil);
        Assert.Equal(0.60m, (await account.GetSnapshot()).Reserved);
    }

    [Theory]
    [InlineData("0.009", "4930123456", 402, "Insufficient credit")]       // 1 s at 0.60 €/min is 0.01
    [InlineData("0.99", "4420123456", 402, "Insufficient credit")]        // UK bills 60/60 at 1.00
    [InlineData("10", "3912345", 403, "Destination not in rate plan")]
    [InlineData("10", "+4930", 484, "E.164")]
    public async Task AuthorizeCall_CannotProceed_RefusesWithClearStatus(string balance, string destination, int status, string reason)
    {
        var account = await Billing.OpenAsync($"acct-r{status}-{destination.Length}-{balance.Replace(".", "")}", decimal.Parse(balance));

        var auth = await account.AuthorizeCall(Invite(C("call-1"), destination));

        Assert.False(auth.Allowed);
        Assert.Equal(status, auth.SipStatus);
        Assert.Contains(reason, auth.Reason);
        Assert.Equal(0m, (await account.GetSnapshot()).Reserved);
    }

    [Fact]
    public async Task AuthorizeCall_OnNet_IsFreeButCounted()
    {
        var account = await Billing.OpenAsync("acct-onnet", 0m, new FraudLimits(1, 0, 0m, [], []));

        var first = await account.AuthorizeCall(new CallAuthorizationRequest(C("call-1"), "1001", "1002", CallDirection.OnNet, Cdrs.T0));
        var second = await account.AuthorizeCall(new CallAuthorizationRequest(C("call-2"), "1001", "1003", CallDirection.OnNet, Cdrs.T0));

        Assert.True(first.Allowed);
        Assert.Null(first.Rate);
        Assert.Equal(0m, first.ReservedAmount);
        Assert.False(second.Allowed);
        Assert.Equal(FraudRule.ConcurrentCalls, second.FraudRule);
    }

    [Fact]
    public async Task ExtendReservation_SliceBySlice_UntilCreditRunsOutAtTheSecond()
    {
        var account = await Billing.OpenAsync("acct-extend", 1.00m);
        await account.AuthorizeCall(Invite(C("call-1")));

        var second = await account.ExtendReservation(C("call-1"), TimeSpan.FromSeconds(50));
        var unknown = await account.ExtendReservation(C("call-unknown"), TimeSpan.FromSeconds(50));

        Assert.True(second.Exhausted);                                   // 110 s wanted, 100 s affordable
        Assert.Equal(TimeSpan.FromSeconds(100), second.ReservedUntil);
        Assert.Equal(1.00m, second.ReservedAmount);
        Assert.False(unknown.Known);
        Assert.True(unknown.Exhausted);
    }

    [Fact]
    public async Task ExtendReservation_EnoughCredit_GrowsOneSliceAtATime()
    {
        var account = await Billing.OpenAsync("acct-extend-rich", 100m);
        await account.AuthorizeCall(Invite(C("call-1")));

        var e1 = await account.ExtendReservation(C("call-1"), TimeSpan.FromSeconds(45));
        var e2 = await account.ExtendReservation(C("call-1"), TimeSpan.FromSeconds(100.2));

        Assert.False(e1.Exhausted);
        Assert.Equal(TimeSpan.FromSeconds(105), e1.ReservedUntil);
        Assert.Equal(1.05m, e1.ReservedAmount);
        Assert.Equal(TimeSpan.FromSeconds(161), e2.ReservedUntil);
        Assert.Equal(TimeSpan.FromSeconds(10000), e2.MaxDuration);      // 100 € at 0.60 €/min
    }

    [Fact]
    public async Task SettleCall_Answered_ChargesRatedCostWithCarrierMarginOnce()
    {
        var account = await Billing.OpenAsync("acct-settle", 5.00m);
        await account.AuthorizeCall(Invite(C("call-1")));
        await account.ExtendReservation(C("call-1"), TimeSpan.FromSeconds(55));
        var cdr = Cdrs.Answered(C("call-1"), "acct-settle", 90) with { CarrierPlanId = "plan-carrier", Cost = 123m };

        var result = await account.SettleCall(cdr);
        var retry = await account.SettleCall(cdr);

        Assert.False(result.AlreadySettled);
        Assert.Equal((0.90m, 90, 0.45m, 0.45m, 4.10m), (result.Cost, result.BilledSeconds, result.CarrierCost, result.Margin, result.BalanceAfter));
        Assert.True(retry.AlreadySettled);
        Assert.Equal((result.Cost, result.BalanceAfter), (retry.Cost, retry.BalanceAfter));
        var stored = await Billing.Cdrs.GetAsync(C("call-1"), "demo");
        Assert.Equal(("4930", 0.30m, "edge-1", "-a", "-b"), (stored!.Rate!.Prefix, stored.CarrierRate!.PricePerMinute, stored.EdgeId, stored.CallerLegCallId[^2..], stored.CalleeLegCallId[^2..]));
        var snapshot = await account.GetSnapshot();
        Assert.Equal((0m, 0), (snapshot.Reserved, snapshot.ActiveCalls));
    }

    [Fact]
    public async Task SettleCall_ByeLateAfterExhaustion_ChargesOnlyTheReservedTime()
    {
        var account = await Billing.OpenAsync("acct-late-bye", 1.00m);
        await account.AuthorizeCall(Invite(C("call-1")));
        await account.ExtendReservation(C("call-1"), TimeSpan.FromSeconds(50)); // exhausted at 100 s

        var result = await account.SettleCall(Cdrs.Answered(C("call-1"), "acct-late-bye", 102));

        Assert.Equal((1.00m, 100, 0m), (result.Cost, result.BilledSeconds, result.BalanceAfter));
    }

    [Fact]
    public async Task SettleCall_NeverConnected_LeavesCdrWithoutCharge()
    {
        var account = await Billing.OpenAsync("acct-busy", 1.00m);
        await account.AuthorizeCall(Invite(C("call-1")));

        var result = await account.SettleCall(Cdrs.Unanswered(C("call-1"), "acct-busy", CallDisposition.NoAnswer, 408));

        Assert.Equal((0m, 1.00m), (result.Cost, result.BalanceAfter));
        var cdr = await Billing.Cdrs.GetAsync(C("call-1"), null);
        Assert.Equal((CallDisposition.NoAnswer, 408, 0m), (cdr!.Disposition, cdr.FinalSipStatus, cdr.Cost));
        Assert.Equal(0m, (await account.GetSnapshot()).Reserved);
    }

    [Fact]
    public async Task UnknownAccount_RefusesAndSettlesWithoutCharge()
    {
        var account = Billing.Grains.GetGrain<IAccountGrain>("acct-never-opened");

        var auth = await account.AuthorizeCall(Invite(C("call-1")));
        var settled = await account.SettleCall(Cdrs.Unanswered(C("call-1"), "acct-never-opened", CallDisposition.Refused, 403));

        Assert.Equal((false, 403, "Account not found"), (auth.Allowed, auth.SipStatus, auth.Reason));
        Assert.Equal((0m, false), (settled.Cost, settled.AlreadySettled));
        Assert.Null(await Billing.Cdrs.GetAsync(C("call-1"), null));
    }

    [Fact]
    public async Task SettleCall_ForAnotherAccount_IsRejected()
    {
        var account = await Billing.OpenAsync("acct-mine", 1.00m);

        await Assert.ThrowsAsync<ArgumentException>(() => account.SettleCall(Cdrs.Answered(C("call-1"), "acct-theirs", 10)));
    }

    [Fact]
    public async Task FraudBreaches_RepeatedWithinWindow_LockTheAccountAndNotifyTheSink()
    {
        var limits = new FraudLimits(0, 0, 0m, ["4989"], []) { BreachesBeforeLock = 3 };
        var account = await Billing.OpenAsync("acct-fraud", 10m, limits);

        var refusals = new List<CallAuthorization>();
        for (var i = 0; i < 3; i++)
        {
            refusals.Add(await account.AuthorizeCall(Invite(C($"call-{i}"), "49891234")));
        }

        var afterLock = await account.AuthorizeCall(Invite(C("call-ok"), "4930123"));

        Assert.All(refusals, r => Assert.Equal((false, 403, FraudRule.BlockedDestination), (r.Allowed, r.SipStatus, r.FraudRule)));
        Assert.Equal((403, "Account locked"), (afterLock.SipStatus, afterLock.Reason));
        var snapshot = await account.GetSnapshot();
        Assert.Equal(AccountStatus.Locked, snapshot.Status);
        var stored = await Billing.Alerts.ListAsync(new FraudAlertQuery("demo", "acct-fraud"));
        Assert.Equal(4, stored.Count);
        Assert.Single(stored, a => a.LockedAccount && a.Rule == FraudRule.AccountLocked);
        Assert.Single(Billing.Sink.Alerts, a => a.AccountId == "acct-fraud" && a.LockedAccount);

        var unlocked = await account.SetStatus(AccountStatus.Active, "checked by operator");
        Assert.Equal(AccountStatus.Active, unlocked.Status);
        Assert.True((await account.AuthorizeCall(Invite(C("call-ok"), "4930123"))).Allowed);
    }

    [Fact]
    public async Task FraudCallsPerMinute_OverCap_Refuses()
    {
        var account = await Billing.OpenAsync("acct-cpm", 10m, new FraudLimits(0, 3, 0m, [], []));

        var results = new List<CallAuthorization>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await account.AuthorizeCall(Invite(C($"call-{i}"))));
        }

        Assert.Equal([true, true, true, false], results.Select(r => r.Allowed));
        Assert.Equal(FraudRule.CallsPerMinute, results[3].FraudRule);
    }

    [Fact]
    public async Task FraudDailySpend_CapBoundsReservationsAndThenRefuses()
    {
        var account = await Billing.OpenAsync("acct-daily", 100m, new FraudLimits(0, 0, 1.00m, [], []));

        var first = await account.AuthorizeCall(Invite(C("call-1")));
        var extended = await account.ExtendReservation(C("call-1"), TimeSpan.FromSeconds(50));
        await account.SettleCall(Cdrs.Answered(C("call-1"), "acct-daily", 100, startedAt: DateTimeOffset.UtcNow.AddSeconds(-105)));
        var second = await account.AuthorizeCall(Invite(C("call-2")));

        Assert.Equal(TimeSpan.FromSeconds(100), first.MaxDuration); // bounded by the 1 € cap, not the 100 € balance
        Assert.Equal((true, TimeSpan.FromSeconds(100)), (extended.Exhausted, extended.ReservedUntil));
        Assert.Equal((false, 403, FraudRule.DailySpend), (second.Allowed, second.SipStatus, second.FraudRule));
    }

    [Fact]
    public async Task ReportDeposit_ThroughTheGrain_CreditsOnceAtThreshold()
    {
        var account = await Billing.OpenAsync("acct-crypto", 0m);
        var deposit = new Switchboard.Grains.TopUps.CryptoDeposit("BTC", new string('c', 64), 0.001m, 1, 90000m);

        var pending = await account.ReportDeposit(deposit);
        var credited = await account.ReportDeposit(deposit with { Confirmations = 3 });
        var again = await account.ReportDeposit(deposit with { Confirmations = 4 });
        var malformed = await account.ReportDeposit(deposit with { TxHash = "0x" + new string('c', 64) });

        Assert.Equal(Switchboard.Grains.TopUps.TopUpStatus.Pending, pending.Status);
        Assert.True(credited.CreditedNow);
        Assert.False(again.CreditedNow);
        Assert.Equal(Switchboard.Grains.TopUps.TopUpStatus.Rejected, malformed.Status);
        Assert.Equal(90m, (await account.GetSnapshot()).Balance);
        Assert.Contains(await Billing.Accounts.GetLedgerAsync(new LedgerQuery("acct-crypto", "demo")), e => e.Kind == LedgerEntryKind.TopUp && e.Amount == 90m);
    }
}
