using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>Call set-up in the plain state machine: answer, failover, forking, cancel, ring timeout, refusals.</summary>
public sealed class CallStateMachineSetupTests
{
    [Fact]
    public void Invite_Authorized_HandsOutTargetsAndPublishesLease()
    {
        var h = new CallMachineHarness();

        var decision = h.Invite();

        Assert.True(decision.Accepted);
        Assert.True(decision.RelayMedia);
        Assert.Equal(CallState.Routing, h.Machine.State);
        Assert.Equal([CallCommandKind.PublishLease], h.DrainKinds());
        Assert.Equal(h.Now + TimeSpan.FromSeconds(30), h.Machine.NextDeadline);
    }

    [Fact]
    public void Invite_RefusedByAccount_EndsAtOnceAndSettlesRefused()
    {
        var h = new CallMachineHarness();
        h.Receive();
        var route = h.Route();
        Assert.Null(h.Machine.InviteRouted(route, h.Now));

        var decision = h.Machine.CreditAuthorized(route, CallAuthorization.Refuse(402, "Payment Required"), h.Now);

        Assert.False(decision.Accepted);
        Assert.Equal(402, decision.Status);
        Assert.Equal(CallState.Ended, h.Machine.State);
        Assert.Equal(CallDisposition.Refused, h.Call.Disposition);
        Assert.Equal([CallCommandKind.CloseCall], h.DrainKinds());
        Assert.Equal(h.Now, h.Machine.NextDeadline);
        h.FireNextDeadline();
        Assert.Equal([CallCommandKind.Settle], h.DrainKinds());
        Assert.Null(h.Call.ToDetailRecord(h.Now).AnsweredAt);
    }

    [Fact]
    public void Invite_RoutedWithoutAccount_SettlesWithoutCdr()
    {
        var h = new CallMachineHarness();
        h.Receive();

        var decision = h.Machine.InviteRouted(CallRoute.Reject(404, CallDirection.OnNet, null, "999"), h.Now);

        Assert.Equal(404, decision!.Status);
        Assert.Equal(CallDisposition.NotFound, h.Call.Disposition);
        h.Drain();
        h.FireNextDeadline();
        Assert.Equal([CallCommandKind.WithdrawLease], h.DrainKinds());
        Assert.True(h.Call.Settled);
    }

    [Fact]
    public void Answer_RingingThenOk_ConnectsJournalsAndArmsBillingLead()
    {
        var h = new CallMachineHarness();
        h.Invite();
        h.StartLeg(0);
        h.Drain();

        Assert.Equal(LegAction.Wait, h.Respond(0, 100).Action);
        h.Clock.Advance(TimeSpan.FromMilliseconds(1200));
        Assert.Equal(LegAction.Relay, h.Respond(0, 180).Action);
        var ringing = h.Now;
        Assert.Equal(CallState.Ringing, h.Machine.State);
        Assert.Equal(LegAction.Relay, h.Respond(0, 183, "v=0 early").Action);
        Assert.Equal(CallState.EarlyMedia, h.Machine.State);
        h.Clock.Advance(TimeSpan.FromSeconds(4));
        var connect = h.Respond(0, 200, "v=0 answer");

        Assert.Equal(LegAction.Connect, connect.Action);
        Assert.Equal(CallState.Answered, h.Machine.State);
        Assert.Equal(h.Now, h.Call.AnsweredAt);
        // The first ringing is the post-dial delay's end, whatever rang after it; the CDR carries it.
        Assert.Equal(ringing, h.Call.RingingAt);
        Assert.Equal(ringing - h.Call.StartedAt, h.Call.ToDetailRecord(h.Now).PostDialDelay);
        Assert.Equal(
            [CallCommandKind.PublishLease, CallCommandKind.PublishLease, CallCommandKind.PublishLease, CallCommandKind.AnnounceAnswer],
            h.DrainKinds());
        // Not yet ACKed: the ACK timeout (32 s) comes before the billing lead (60 s - 5 s).
        Assert.Equal(h.Now + CallMachineHarness.Options.AckTimeout, h.Machine.NextDeadline);
        h.Machine.Acknowledged(CallMachineHarness.CallerLegId);
        Assert.Equal(h.Now + TimeSpan.FromSeconds(55), h.Machine.NextDeadline);
        // A retransmitted 2xx gets the same answer and changes nothing.
        Assert.Equal(LegAction.Connect, h.Respond(0, 200).Action);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Sequential_CalleeRejectsWith503_FailsOverToNextTrunkWhichAnswers()
    {
        var h = new CallMachineHarness(ForkStrategy.Sequential, targets: 2);
        h.Invite();
        h.StartLeg(0);

        var verdict = h.Respond(0, 503);

        Assert.Equal(LegAction.TryNext, verdict.Action);
        Assert.Equal(h.Targets[1], verdict.NextTarget);
        Assert.NotEqual(CallState.Ended, h.Machine.State);
        h.StartLeg(1);
        Assert.Equal(LegAction.Connect, h.Respond(1, 200).Action);
        Assert.Equal("trunk-1", h.Call.TrunkId);
        Assert.Equal("carrier-plan-1", h.Call.ToDetailRecord(h.Now).CarrierPlanId);
    }

    [Fact]
    public void Sequential_CalleeBusy_FailsCallWithoutFailover()
    {
        var h = new CallMachineHarness(ForkStrategy.Sequential, targets: 2);
        h.Invite();
        h.StartLeg(0);
        h.Drain();

        var verdict = h.Respond(0, 486);

        Assert.Equal(LegAction.Fail, verdict.Action);
        Assert.Equal(486, verdict.Status);
        Assert.Equal(CallState.Ended, h.Machine.State);
        Assert.Equal(CallDisposition.Busy, h.Call.Disposition);
        Assert.Equal([CallCommandKind.CloseCall], h.DrainKinds());
    }

    [Fact]
    public void Sequential_LastTargetFails_FailsWithBestResponse()
    {
        var h = new CallMachineHarness(ForkStrategy.Sequential, targets: 2);
        h.Invite();
        h.StartLeg(0);
        Assert.Equal(LegAction.TryNext, h.Respond(0, 503).Action);
        h.StartLeg(1);

        var verdict = h.Respond(1, 408);

        Assert.Equal(LegAction.Fail, verdict.Action);
        Assert.Equal(CallState.Ended, h.Machine.State);
        Assert.False(h.Machine.CanStartLeg(new LegStart(1, h.Call.CalleeLegs[1].Dialog)));
    }

    [Fact]
    public void Parallel_OneBranchRejects_WaitsForTheOtherWhichAnswers_NoCancelLeft()
    {
        var h = new CallMachineHarness(ForkStrategy.Parallel, targets: 2);
        h.Invite();
        h.StartLeg(0);
        h.StartLeg(1);

        Assert.Equal(LegAction.Wait, h.Respond(0, 486).Action);
        var connect = h.Respond(1, 200);

        Assert.Equal(LegAction.Connect, connect.Action);
        Assert.Empty(connect.CancelLegs);
    }

    [Fact]
    public void Parallel_FirstAnswerWins_OtherBranchCancelled()
    {
        var h = new CallMachineHarness(ForkStrategy.Parallel, targets: 2);
        h.Invite();
        h.StartLeg(0);
        h.StartLeg(1);
        h.Respond(0, 180);

        var connect = h.Respond(1, 200);

        Assert.Equal(["callee-leg-0"], connect.CancelLegs);
        Assert.Equal(LegPhase.Ending, h.Call.CalleeLegs[0].Phase);
        // The loser's 2xx crossed our CANCEL: it is ACKed and BYEd by the edge, the call stays up.
        Assert.Equal(LegAction.Discard, h.Respond(0, 200).Action);
        Assert.Equal(CallState.Answered, h.Machine.State);
    }

    [Fact]
    public void CallerCancel_BeforeAnswer_CancelsCalleeAndEndsOnItsConfirmation()
    {
        var h = new CallMachineHarness();
        h.Invite();
        h.StartLeg(0);
        h.Respond(0, 180);
        h.Drain();

        var direct = h.Hangup(CallMachineHarness.CallerLegId, HangupKind.Cancel, CallMachineHarness.CallerEdge);

        Assert.Empty(direct);
        Assert.Equal(CallState.Ending, h.Machine.State);
        Assert.Equal(CallDisposition.Cancelled, h.Call.Disposition);
        var end = CallMachineHarness.EndLegs(h.Drain());
        var cancel = Assert.Single(end.Terminations!);
        Assert.Equal(TerminationMethod.Cancel, cancel.Method);
        Assert.Equal("callee-leg-0", cancel.Dialog.LegCallId);
        Assert.Equal(CallMachineHarness.CallerEdge, end.Edge);

        // The 487 to our CANCEL confirms the leg is gone.
        Assert.Equal(LegAction.Wait, h.Respond(0, 487).Action);
        Assert.Equal(CallState.Ended, h.Machine.State);
        Assert.Equal([CallCommandKind.CloseCall], h.DrainKinds());
        Assert.Null(h.Call.ToDetailRecord(h.Now).AnsweredAt);
    }

    [Fact]
    public void RingTimeout_NoAnswer_RejectsCallerAndCancelsCallee()
    {
        var h = new CallMachineHarness();
        h.Invite(ringTimeout: TimeSpan.FromSeconds(20));
        var started = h.Now;
        h.StartLeg(0);
        h.Respond(0, 180);
        h.Drain();

        var fired = h.FireNextDeadline();

        Assert.Equal(started + TimeSpan.FromSeconds(20), fired);
        Assert.Equal(CallDisposition.NoAnswer, h.Call.Disposition);
        var end = CallMachineHarness.EndLegs(h.Drain());
        Assert.Null(end.Edge);
        Assert.Collection(
            end.Terminations!,
            t => Assert.Equal((TerminationMethod.Reject, 480), (t.Method, t.Status)),
            t => Assert.Equal(TerminationMethod.Cancel, t.Method));
        h.Machine.LegEnded(CallMachineHarness.CallerLegId, h.Now);
        h.Machine.LegEnded("callee-leg-0", h.Now);
        Assert.Equal(CallState.Ended, h.Machine.State);
    }

    [Fact]
    public void CalleeTransportFailure_OnlyBranch_FailsCallerDirectly()
    {
        var h = new CallMachineHarness(ForkStrategy.Parallel, targets: 1);
        h.Invite();
        h.StartLeg(0);

        var direct = h.Hangup("callee-leg-0", HangupKind.TransportFailure, CallMachineHarness.CalleeEdge);

        // A 503 is not passed upstream as such (RFC 3261 §16.7 step 6): the caller gets 500.
        var reject = Assert.Single(direct);
        Assert.Equal((TerminationMethod.Reject, 500), (reject.Method, reject.Status));
        Assert.Equal(CallState.Ended, h.Machine.State);
    }
}
