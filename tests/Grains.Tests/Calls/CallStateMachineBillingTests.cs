using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>Credit slices, the credit deadline and settlement in the plain state machine, on a fake clock.</summary>
public sealed class CallStateMachineBillingTests
{
    [Fact]
    public void BillingLead_AsksForNextSlice_ThenCreditDeadlineEndsCallAtCoveredSecond()
    {
        var h = new CallMachineHarness();
        h.Answer();
        var answered = h.Now;

        var fired = h.FireNextDeadline();

        Assert.Equal(answered + TimeSpan.FromSeconds(55), fired);
        var extend = Assert.Single(h.Drain());
        Assert.Equal((CallCommandKind.ExtendCredit, TimeSpan.FromSeconds(55)), (extend.Kind, extend.AnsweredFor));
        h.Machine.CreditExtended(new ReservationExtension(true, 0.09m, TimeSpan.FromSeconds(90)), extend.At);
        Assert.True(h.Call.Exhausted);
        Assert.Equal([CallCommandKind.PublishLease], h.DrainKinds());
        Assert.Equal(answered + TimeSpan.FromSeconds(90), h.Machine.NextDeadline);

        h.FireNextDeadline();

        Assert.Equal(CallState.Ending, h.Machine.State);
        Assert.Equal(CallDisposition.CreditExhausted, h.Call.Disposition);
        Assert.Equal(2, CallMachineHarness.EndLegs(h.Drain()).Terminations!.Count);
        // Confirmations arrive late: the CDR still ends at the covered second.
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        h.Machine.LegEnded(CallMachineHarness.CallerLegId, h.Now);
        h.Machine.LegEnded("callee-leg-0", h.Now);
        Assert.Equal(90, h.Call.ToDetailRecord(h.Now).DurationSeconds);
    }

    [Fact]
    public void BalanceCap_ReachedMidCall_EndsAsCreditExhausted()
    {
        var h = new CallMachineHarness();
        h.Invite(reservedUntil: TimeSpan.FromSeconds(120), balanceLimit: TimeSpan.FromSeconds(45));
        h.StartLeg(0);
        h.Respond(0, 200);
        h.Machine.Acknowledged(CallMachineHarness.CallerLegId);
        var answered = h.Now;
        h.Drain();

        Assert.Equal(answered + TimeSpan.FromSeconds(45), h.FireNextDeadline());

        Assert.Equal(CallDisposition.CreditExhausted, h.Call.Disposition);
        Assert.Equal("credit exhausted", h.Call.EndReason);
        Assert.Equal(answered + TimeSpan.FromSeconds(45), h.Call.EndAt);
    }

    [Fact]
    public void SliceGranted_KeepsCallUpAndMovesDeadline()
    {
        var h = new CallMachineHarness();
        h.Answer();
        var answered = h.Now;
        var extend = Assert.Single(Fire(h));

        h.Machine.CreditExtended(new ReservationExtension(false, 0.12m, TimeSpan.FromSeconds(120)), extend.At);

        Assert.False(h.Call.Exhausted);
        Assert.Equal(0.12m, h.Call.ReservedAmount);
        Assert.Equal(answered + TimeSpan.FromSeconds(115), h.Machine.NextDeadline);
        Assert.Equal(CallState.Answered, h.Machine.State);
    }

    [Fact]
    public void ExtensionFails_RetriesEverySecond_ThenEndsAtCoveredTime()
    {
        var h = new CallMachineHarness();
        h.Answer();
        var answered = h.Now;
        var extend = Assert.Single(Fire(h));

        h.Machine.CreditExtensionFailed(extend.At);
        Assert.Equal(extend.At + TimeSpan.FromSeconds(1), h.Machine.NextDeadline);
        for (var i = 0; i < 10 && h.Machine.State == CallState.Answered; i++)
        {
            var retry = Assert.Single(Fire(h));
            h.Machine.CreditExtensionFailed(retry.At);
        }

        Assert.Equal(CallState.Ending, h.Machine.State);
        Assert.Equal("billing unavailable", h.Call.EndReason);
        Assert.Equal(answered + TimeSpan.FromSeconds(60), h.Call.EndAt);
    }

    [Fact]
    public void ExtensionUnknown_ReattachesLeaseOnce_ThenRunsOnlyToCoveredTime()
    {
        var h = new CallMachineHarness();
        h.Answer();
        var extend = Assert.Single(Fire(h));
        var unknown = new ReservationExtension(false, 0m, TimeSpan.Zero) { Known = false };

        h.Machine.CreditExtended(unknown, extend.At);

        var reattach = Assert.Single(h.Drain());
        Assert.Equal((CallCommandKind.ReattachAndExtendCredit, extend.AnsweredFor), (reattach.Kind, reattach.AnsweredFor));
        h.Machine.CreditExtended(unknown, reattach.At);
        Assert.True(h.Call.Exhausted);
        Assert.Equal([CallCommandKind.PublishLease], h.DrainKinds());
        Assert.Equal(h.Call.AnsweredAt + TimeSpan.FromSeconds(60), h.Machine.NextDeadline);
    }

    [Fact]
    public void Settlement_FailsThenSucceeds_SettledExactlyOnceThenRetires()
    {
        var h = new CallMachineHarness();
        h.Answer();
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        h.Hangup(CallMachineHarness.CallerLegId, HangupKind.Bye, CallMachineHarness.CallerEdge);
        h.Machine.LegEnded("callee-leg-0", h.Now);
        Assert.Equal(CallCommandKind.CloseCall, h.DrainKinds()[^1]);

        Assert.Equal([CallCommandKind.Settle], Kinds(Fire(h)));
        Assert.Equal(TimeSpan.FromSeconds(1), h.Machine.SettlementFailed(h.Now));
        Assert.Equal([CallCommandKind.Settle], Kinds(Fire(h)));
        Assert.Equal(TimeSpan.FromSeconds(2), h.Machine.SettlementFailed(h.Now));
        Assert.Equal([CallCommandKind.Settle], Kinds(Fire(h)));
        h.Machine.SettlementAccepted(h.Now);
        Assert.Equal([CallCommandKind.WithdrawLease], h.DrainKinds());

        // A late duplicate acceptance and further deadlines never settle again.
        h.Machine.SettlementAccepted(h.Now);
        Assert.Empty(h.Drain());
        Assert.Equal(h.Now + CallStateMachine.SettledLinger, h.Machine.NextDeadline);
        Assert.Equal([CallCommandKind.Retire], Kinds(Fire(h)));
        Assert.Null(h.Machine.NextDeadline);
        h.Machine.DeadlineReached(h.Now + TimeSpan.FromMinutes(5));
        Assert.Empty(h.Drain());
        Assert.Equal(20, h.Call.ToDetailRecord(h.Now).DurationSeconds);
    }

    [Fact]
    public void StuckStart_NeverDecided_ClosedAfterLimit()
    {
        var h = new CallMachineHarness();
        h.Receive();

        Assert.Equal(h.Now + CallStateMachine.StuckStartLimit, h.FireNextDeadline());

        Assert.Equal(CallState.Ended, h.Machine.State);
        Assert.Equal(500, h.Call.FinalStatus);
    }

    private static List<CallCommand> Fire(CallMachineHarness h)
    {
        h.FireNextDeadline();
        return h.Drain();
    }

    private static List<CallCommandKind> Kinds(List<CallCommand> commands) => commands.Select(c => c.Kind).ToList();
}
