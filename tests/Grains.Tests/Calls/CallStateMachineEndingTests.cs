using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>Ending an answered call in the plain state machine: either side's BYE, operator, edge loss, ACK and confirm timeouts.</summary>
public sealed class CallStateMachineEndingTests
{
    [Fact]
    public void CallerBye_AnsweredCall_ByesCalleeWithNextCSeqAndBillsTalkTime()
    {
        var h = new CallMachineHarness();
        h.Answer();
        var answered = h.Now;
        h.Clock.Advance(TimeSpan.FromSeconds(30));

        var direct = h.Hangup(CallMachineHarness.CallerLegId, HangupKind.Bye, CallMachineHarness.CallerEdge);

        Assert.Empty(direct);
        Assert.Equal(CallState.Ending, h.Machine.State);
        var end = CallMachineHarness.EndLegs(h.Drain());
        var bye = Assert.Single(end.Terminations!);
        Assert.Equal((TerminationMethod.Bye, "callee-leg-0", 2L), (bye.Method, bye.Dialog.LegCallId, bye.CSeq));
        Assert.Equal(CallMachineHarness.CallerEdge, end.Edge);
        Assert.Equal(h.Now + CallMachineHarness.Options.HangupConfirmTimeout, h.Machine.NextDeadline);

        h.Clock.Advance(TimeSpan.FromMilliseconds(300));
        h.Machine.LegEnded("callee-leg-0", h.Now);

        Assert.Equal(CallState.Ended, h.Machine.State);
        var cdr = h.Call.ToDetailRecord(h.Now);
        Assert.Equal(answered, cdr.AnsweredAt);
        Assert.Equal(30, cdr.DurationSeconds);
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
    }

    [Fact]
    public void CalleeBye_AnsweredCall_ByesCallerOnItsEdge()
    {
        var h = new CallMachineHarness();
        h.Answer();
        h.Clock.Advance(TimeSpan.FromSeconds(12));

        h.Hangup("callee-leg-0", HangupKind.Bye, CallMachineHarness.CalleeEdge);

        var end = CallMachineHarness.EndLegs(h.Drain());
        var bye = Assert.Single(end.Terminations!);
        Assert.Equal((TerminationMethod.Bye, CallMachineHarness.CallerLegId), (bye.Method, bye.Dialog.LegCallId));
        Assert.Equal(CallMachineHarness.CallerEdge, bye.Dialog.EdgeId);
        Assert.Equal(LegPhase.Ended, h.Call.CalleeLegs[0].Phase);
        // The caller's BYE crossed ours: it confirms the caller leg.
        h.Hangup(CallMachineHarness.CallerLegId, HangupKind.Bye, CallMachineHarness.CallerEdge);
        Assert.Equal(CallState.Ended, h.Machine.State);
        Assert.Equal(12, h.Call.ToDetailRecord(h.Now).DurationSeconds);
        Assert.Equal([CallCommandKind.CloseCall], h.DrainKinds());
    }

    [Fact]
    public void DuplicateBye_AfterEnd_ChangesNothing()
    {
        var h = new CallMachineHarness();
        h.Answer();
        h.Hangup(CallMachineHarness.CallerLegId, HangupKind.Bye, CallMachineHarness.CallerEdge);
        h.Machine.LegEnded("callee-leg-0", h.Now);
        h.Drain();
        var endAt = h.Call.EndAt;

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(h.Hangup(CallMachineHarness.CallerLegId, HangupKind.Bye, CallMachineHarness.CallerEdge));

        Assert.Empty(h.Drain());
        Assert.Equal(endAt, h.Call.EndAt);
    }

    [Fact]
    public void CancelAfterAnswer_HasNoEffect()
    {
        var h = new CallMachineHarness();
        h.Answer();

        h.Hangup(CallMachineHarness.CallerLegId, HangupKind.Cancel, CallMachineHarness.CallerEdge);

        Assert.Equal(CallState.Answered, h.Machine.State);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void OperatorHangUp_AnsweredCall_ByesBothLegs()
    {
        var h = new CallMachineHarness();
        h.Answer();

        Assert.True(h.Machine.HangUp("fraud", h.Now));

        var end = CallMachineHarness.EndLegs(h.Drain());
        Assert.Equal(2, end.Terminations!.Count);
        Assert.All(end.Terminations, t => Assert.Equal(TerminationMethod.Bye, t.Method));
        Assert.Null(end.Edge);
        Assert.Equal("operator: fraud", h.Call.EndReason);
        Assert.False(h.Machine.HangUp("again", h.Now));
    }

    [Fact]
    public void EdgeLost_AnsweredCall_EndsAsOfLastRefreshThroughSurvivor()
    {
        var h = new CallMachineHarness();
        h.Answer();
        var answered = h.Now;
        h.Clock.Advance(TimeSpan.FromSeconds(40));
        var lastSeen = h.Now - TimeSpan.FromSeconds(5);

        h.Machine.EdgeLost("edge-elsewhere", lastSeen, "edge-c", h.Now);
        Assert.Empty(h.Drain());
        Assert.Equal(CallState.Answered, h.Machine.State);

        h.Machine.EdgeLost(CallMachineHarness.CalleeEdge, lastSeen, "edge-c", h.Now);

        Assert.Equal(CallState.Ending, h.Machine.State);
        Assert.Equal("edge-c", h.Call.SurvivorEdge);
        Assert.Equal(2, CallMachineHarness.EndLegs(h.Drain()).Terminations!.Count);
        // Nobody confirms (the edge is dead): the call ends at the confirmation deadline, billed to the last refresh.
        h.FireNextDeadline();
        Assert.Equal(CallState.Ended, h.Machine.State);
        var cdr = h.Call.ToDetailRecord(h.Now);
        Assert.Equal(lastSeen, cdr.EndedAt);
        Assert.Equal(35, cdr.DurationSeconds);
        Assert.Equal(answered, cdr.AnsweredAt);
    }

    [Fact]
    public void AckTimeout_AnsweredButNeverAcked_EndsUncharged()
    {
        var h = new CallMachineHarness();
        h.Invite();
        h.StartLeg(0);
        h.Respond(0, 200);
        h.Drain();

        var fired = h.FireNextDeadline();

        Assert.Equal(h.Call.AnsweredAt + CallMachineHarness.Options.AckTimeout, fired);
        Assert.Equal(2, CallMachineHarness.EndLegs(h.Drain()).Terminations!.Count);
        var cdr = h.Call.ToDetailRecord(h.Now);
        Assert.Null(cdr.AnsweredAt);
        Assert.Equal(CallDisposition.Failed, cdr.Disposition);
    }

    [Fact]
    public void InDialog_ReInviteFromCaller_ForwardedToCalleeWithNextCSeq_OldCSeqRefused()
    {
        var h = new CallMachineHarness();
        h.Answer();
        var request = new InDialogRequest(
            CallMachineHarness.CallerLegId, "INVITE", 2, "edge-c", CallMachineHarness.Address("10.1.1.9"), null, "v=0 hold");

        var route = h.Machine.InDialog(request);

        Assert.Equal(0, route.Status);
        Assert.Equal("callee-leg-0", route.Peer!.LegCallId);
        Assert.Equal(2, route.CSeq);
        Assert.Equal("edge-c", h.Call.CallerLeg!.EdgeId);
        Assert.Equal(500, h.Machine.InDialog(request).Status);
        // The BYE that follows uses the CSeq after the re-INVITE's.
        h.Machine.HangUp("done", h.Now);
        Assert.Contains(CallMachineHarness.EndLegs(h.Drain()).Terminations!, t => t.Dialog.LegCallId == "callee-leg-0" && t.CSeq == 3);
    }
}
