using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

[Collection(CallControlClusterFixture.Collection)]
public sealed class CallGrainAnswerTests(CallControlClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task OnNet_ForkedCall_FirstAnswerWins_LoserCancelled_SettledOnceAsAnswered()
    {
        var (pbx, edge) = await OnNetPbx(contacts: 2);
        var call = TestPbx.NewCall(Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);

        var decision = await call.Start(invite);

        Assert.True(decision.Accepted);
        Assert.Equal(CallDirection.OnNet, decision.Direction);
        Assert.Equal(ForkStrategy.Parallel, decision.Strategy);
        Assert.Equal(2, decision.Targets.Count);
        var legs = decision.Targets.Select(t => TestPbx.CalleeLeg(t, edge.Id)).ToList();
        foreach (var leg in legs)
        {
            Assert.True(await call.LegStarted(leg));
        }

        Assert.Equal(LegAction.Relay, (await call.LegResponded(TestPbx.Response(legs[0], 180))).Action);
        Assert.Equal(CallState.Ringing, (await call.GetSnapshot())!.State);

        var connect = await call.LegResponded(TestPbx.Response(legs[1], 200, "v=0 answer"));
        Assert.Equal(LegAction.Connect, connect.Action);
        Assert.Equal([legs[0].Dialog.LegCallId], connect.CancelLegs);
        Assert.Equal(LegAction.Wait, (await call.LegResponded(TestPbx.Response(legs[0], 487))).Action);
        await call.Acknowledged(invite.CallerLeg.LegCallId);

        var callId = call.GetPrimaryKeyString();
        // Call grains report their line one-way, so it may land a moment after Acknowledged returns.
        var active = await Eventually.Get(
            () => Grains.GetGrain<IActiveCallsGrain>(pbx.TenantId).List(),
            calls => calls.Any(c => c.CallId == callId && c.State == CallState.Answered));
        Assert.Equal(CallState.Answered, Assert.Single(active, c => c.CallId == callId).State);

        var verdict = await call.HangupReceived(new LegHangup(invite.CallerLeg.LegCallId, HangupKind.Bye, edge.Id, "BYE"));
        var bye = Assert.Single(verdict.Terminate);
        Assert.Equal(TerminationMethod.Bye, bye.Method);
        Assert.Equal(legs[1].Dialog.LegCallId, bye.Dialog.LegCallId);
        Assert.Equal(2, bye.CSeq);
        Assert.Equal("callee-tag-1", bye.Dialog.RemoteTag);
        await call.LegEnded(bye.Dialog.LegCallId, edge.Id);

        var cdr = Assert.Single(await SettledOnce(callId));
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
        Assert.Equal(200, cdr.FinalSipStatus);
        Assert.NotNull(cdr.AnsweredAt);
        Assert.Equal(pbx.AccountId, cdr.AccountId);
        Assert.Equal(legs[1].Dialog.LegCallId, cdr.CalleeLegCallId);
        Assert.Equal("1002", cdr.Callee);
        var snapshot = await call.GetSnapshot();
        Assert.Equal(CallState.Ended, snapshot!.State);
        Assert.True(snapshot.Settled);
        await Eventually.Get(
            () => Grains.GetGrain<IActiveCallsGrain>(pbx.TenantId).List(),
            calls => calls.All(c => c.CallId != callId));
    }

    [Fact]
    public async Task Busy_SingleContact_FailsWith486_SettledAsBusy()
    {
        var (pbx, edge) = await OnNetPbx(contacts: 1);
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);

        var verdict = await call.LegResponded(TestPbx.Response(leg, 486));

        Assert.Equal(LegAction.Fail, verdict.Action);
        Assert.Equal(486, verdict.Status);
        var cdr = Assert.Single(await SettledOnce(call.GetPrimaryKeyString()));
        Assert.Equal(CallDisposition.Busy, cdr.Disposition);
        Assert.Null(cdr.AnsweredAt);
    }

    [Fact]
    public async Task ParallelFork_OneBranchFails_WaitsForTheOther()
    {
        var (pbx, edge) = await OnNetPbx(contacts: 2);
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var legs = decision.Targets.Select(t => TestPbx.CalleeLeg(t, edge.Id)).ToList();
        foreach (var leg in legs)
        {
            await call.LegStarted(leg);
        }

        Assert.Equal(LegAction.Wait, (await call.LegResponded(TestPbx.Response(legs[0], 480))).Action);
        var last = await call.LegResponded(TestPbx.Response(legs[1], 486));

        Assert.Equal(LegAction.Fail, last.Action);
        Assert.Equal(486, last.Status);
        Assert.Equal(CallDisposition.Busy, Assert.Single(await SettledOnce(call.GetPrimaryKeyString())).Disposition);
    }

    [Fact]
    public async Task CallerCancel_WhileRinging_CancelsBranch_SettledAsCancelled()
    {
        var (pbx, edge) = await OnNetPbx(contacts: 1);
        var call = TestPbx.NewCall(Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);
        var decision = await call.Start(invite);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 180));

        var verdict = await call.HangupReceived(new LegHangup(invite.CallerLeg.LegCallId, HangupKind.Cancel, edge.Id, "CANCEL"));

        var cancel = Assert.Single(verdict.Terminate);
        Assert.Equal(TerminationMethod.Cancel, cancel.Method);
        Assert.Equal(leg.Dialog.LegCallId, cancel.Dialog.LegCallId);
        Assert.Equal(leg.Dialog.LocalCSeq, cancel.CSeq);
        Assert.False(await call.LegStarted(TestPbx.CalleeLeg(decision.Targets[0], edge.Id)));
        await call.LegResponded(TestPbx.Response(leg, 487));

        var cdr = Assert.Single(await SettledOnce(call.GetPrimaryKeyString()));
        Assert.Equal(CallDisposition.Cancelled, cdr.Disposition);
        Assert.Equal(487, cdr.FinalSipStatus);
    }

    [Fact]
    public async Task DuplicateBye_AndLateReports_SettleExactlyOnce()
    {
        var (pbx, edge) = await OnNetPbx(contacts: 1);
        var other = await TestEdge.Connect(fixture);
        var (call, invite, leg) = await Answered(pbx, edge);

        var first = await call.HangupReceived(new LegHangup(leg.Dialog.LegCallId, HangupKind.Bye, edge.Id, "BYE"));
        var second = await call.HangupReceived(new LegHangup(leg.Dialog.LegCallId, HangupKind.Bye, other.Id, "BYE"));

        Assert.Equal(TerminationMethod.Bye, Assert.Single(first.Terminate).Method);
        Assert.Equal(invite.CallerLeg.LegCallId, first.Terminate[0].Dialog.LegCallId);
        Assert.Empty(second.Terminate);
        await call.LegEnded(invite.CallerLeg.LegCallId, edge.Id);
        await call.LegEnded(invite.CallerLeg.LegCallId, edge.Id);
        var callId = call.GetPrimaryKeyString();
        await SettledOnce(callId);

        var late = await call.HangupReceived(new LegHangup(invite.CallerLeg.LegCallId, HangupKind.Bye, other.Id, "BYE"));
        Assert.Empty(late.Terminate);
        Assert.Equal(CallState.Ended, late.State);
        await Task.Delay(300);
        Assert.Single(fixture.Accounting.SettlementsOf(callId));
    }

    [Fact]
    public async Task InDialog_FromAnEdgeThatNeverSawTheCall_MovesTheLegThere()
    {
        var (pbx, edge) = await OnNetPbx(contacts: 1);
        var (call, invite, leg) = await Answered(pbx, edge);
        var callId = call.GetPrimaryKeyString();
        var otherEdge = "edge-other-" + Guid.NewGuid().ToString("N")[..6];

        var reInvite = new InDialogRequest(
            leg.Dialog.LegCallId, "INVITE", 2, otherEdge, new TransportAddress(SipTransport.Tcp, "198.51.100.9", 5070),
            "sip:1002@198.51.100.9:5070;transport=tcp", "v=0 hold");
        var route = await call.InDialog(reInvite);

        Assert.Equal(0, route.Status);
        Assert.Equal(invite.CallerLeg.LegCallId, route.Peer!.LegCallId);
        Assert.Equal(1, route.CSeq);
        var snapshot = await call.GetSnapshot();
        var moved = snapshot!.Legs.Single(l => l.LegCallId == leg.Dialog.LegCallId);
        Assert.Equal(otherEdge, moved.EdgeId);
        Assert.Equal("sip:1002@198.51.100.9:5070;transport=tcp", moved.RemoteTarget);
        Assert.Equal(500, (await call.InDialog(reInvite)).Status);

        // The caller leg is still owned by the first edge: the BYE towards it goes there as a command.
        var verdict = await call.HangupReceived(new LegHangup(leg.Dialog.LegCallId, HangupKind.Bye, otherEdge, "BYE"));
        Assert.Empty(verdict.Terminate);
        var command = await edge.NextCommand();
        var bye = Assert.Single(command.Legs);
        Assert.Equal(invite.CallerLeg.LegCallId, bye.Dialog.LegCallId);
        Assert.Equal(2, bye.CSeq);
        await SettledOnce(callId);
        Assert.Equal(481, (await call.InDialog(reInvite with { CSeq = 3 })).Status);
    }

    [Fact]
    public async Task HangupAndInDialog_ForACallThatIsNotHere_AnswerNothingAndTheGrainGoes()
    {
        // Edges find a call from the tag in a request, so a stale or made-up tag activates a grain with no call.
        var call = TestPbx.NewCall(Grains);

        var verdict = await call.HangupReceived(new LegHangup("leg-of-nobody", HangupKind.Bye, "edge-x", "BYE"));
        var route = await call.InDialog(new InDialogRequest(
            "leg-of-nobody", "INVITE", 2, "edge-x", new TransportAddress(SipTransport.Udp, "198.51.100.9", 5060), null, null));

        Assert.Empty(verdict.Terminate);
        Assert.Equal(481, route.Status);
        // Asked of every silo's activations, not of the directory: GetActivationAddress answers from the asking
        // silo's directory cache first, which keeps an address it looked up while the grain was still there (a
        // full CI run once waited 15 s on such an entry). Bounded at 15 s.
        var management = Grains.GetGrain<IManagementGrain>(0);
        var grainId = call.GetGrainId();
        for (var i = 0; i < 300 && await IsActive(management, grainId); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(await IsActive(management, grainId));
    }

    private static async Task<bool> IsActive(IManagementGrain management, GrainId grainId) =>
        (await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == grainId);

    private async Task<(TestPbx Pbx, TestEdge Edge)> OnNetPbx(int contacts)
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002");
        var edge = await TestEdge.Connect(fixture);
        for (var i = 1; i <= contacts; i++)
        {
            Assert.Equal(200, (await pbx.Register("1002", $"sip:1002@10.0.0.{i}:5060", edge.Id)).Status);
        }

        return (pbx, edge);
    }

    private async Task<(ICallGrain Call, CallStart Invite, LegStart Leg)> Answered(TestPbx pbx, TestEdge edge)
    {
        var call = TestPbx.NewCall(Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);
        var decision = await call.Start(invite);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        Assert.Equal(LegAction.Connect, (await call.LegResponded(TestPbx.Response(leg, 200, "v=0 answer"))).Action);
        await call.Acknowledged(invite.CallerLeg.LegCallId);
        return (call, invite, leg);
    }

    private Task<IReadOnlyList<CallDetailRecord>> SettledOnce(string callId) =>
        Eventually.Get(() => Task.FromResult(fixture.Accounting.SettlementsOf(callId)), r => r.Count >= 1);
}
