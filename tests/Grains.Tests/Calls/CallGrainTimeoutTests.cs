using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>
/// Timers of the call grain, run with the fixture's short timings (confirmation 1 s, ACK 2 s, billing lead 0.2 s)
/// and tenant policies of one or two seconds; every wait is bounded.
/// </summary>
[Collection(CallControlClusterFixture.Collection)]
public sealed class CallGrainTimeoutTests(CallControlClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task RingTimeout_NoAnswer_EdgeCancelsAndRejects480_SettledAsNoAnswer()
    {
        var (pbx, edge) = await Pbx(ringTimeout: TimeSpan.FromSeconds(1));
        var call = TestPbx.NewCall(Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);
        var decision = await call.Start(invite);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 180));

        var command = await edge.NextCommand();

        Assert.Equal(call.GetPrimaryKeyString(), command.CallId);
        var reject = Assert.Single(command.Legs, l => l.Method == TerminationMethod.Reject);
        Assert.Equal(invite.CallerLeg.LegCallId, reject.Dialog.LegCallId);
        Assert.Equal(480, reject.Status);
        Assert.Equal(leg.Dialog.LegCallId, Assert.Single(command.Legs, l => l.Method == TerminationMethod.Cancel).Dialog.LegCallId);
        var cdr = await Settled(call);
        Assert.Equal(CallDisposition.NoAnswer, cdr.Disposition);
        Assert.Equal(480, cdr.FinalSipStatus);
    }

    [Fact]
    public async Task CreditExhausted_CallEndsAtTheCoveredSecond_BothLegsGetBye()
    {
        var (pbx, edge) = await Pbx();
        fixture.Accounting.Script(pbx.AccountId, new AccountScript
        {
            Authorize = _ => new CallAuthorization(true, 200, "OK", null, 0.01m, TimeSpan.FromSeconds(1), TimeSpan.Zero),
            Extend = _ => new ReservationExtension(true, 0.02m, TimeSpan.FromSeconds(2)),
        });
        var (call, _, _) = await Answered(pbx, edge);

        var command = await edge.NextCommand();

        Assert.Equal(2, command.Legs.Count);
        Assert.All(command.Legs, l => Assert.Equal(TerminationMethod.Bye, l.Method));
        var cdr = await Settled(call);
        Assert.Equal(CallDisposition.CreditExhausted, cdr.Disposition);
        Assert.Equal(TimeSpan.FromSeconds(2), cdr.EndedAt - cdr.AnsweredAt!.Value);
        Assert.Contains(fixture.Accounting.Extensions, e => e.CallId == call.GetPrimaryKeyString());
    }

    [Fact]
    public async Task BalanceMaxDuration_EndsCallAsCreditExhausted()
    {
        var (pbx, edge) = await Pbx();
        fixture.Accounting.Script(pbx.AccountId, new AccountScript
        {
            Authorize = _ => new CallAuthorization(true, 200, "OK", null, 0.01m, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)),
        });
        var (call, _, _) = await Answered(pbx, edge);

        var cdr = await Settled(call);

        Assert.Equal(CallDisposition.CreditExhausted, cdr.Disposition);
        Assert.Equal(TimeSpan.FromSeconds(1), cdr.EndedAt - cdr.AnsweredAt!.Value);
    }

    [Fact]
    public async Task TenantMaxDuration_EdgeNeverConfirms_GrainEndsCallItself_AtTheCommandTime()
    {
        var (pbx, edge) = await Pbx(maxCallDuration: TimeSpan.FromSeconds(1), edgeConfirms: false);
        var (call, _, _) = await Answered(pbx, edge);

        var command = await edge.NextCommand();
        var snapshot = await Eventually.Get(call.GetSnapshot, s => s!.State == CallState.Ended, TimeSpan.FromSeconds(5));

        Assert.Equal(2, command.Legs.Count);
        Assert.Equal("maximum call duration", snapshot!.EndReason);
        var cdr = await Settled(call);
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
        Assert.Equal(TimeSpan.FromSeconds(1), cdr.EndedAt - cdr.AnsweredAt!.Value);
    }

    [Fact]
    public async Task NoAck_AfterAnswer_EndsBothLegs_NotCharged()
    {
        var (pbx, edge) = await Pbx();
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 200, "v=0 answer"));

        var command = await edge.NextCommand();

        Assert.Equal(2, command.Legs.Count);
        var cdr = await Settled(call);
        Assert.Equal(CallDisposition.Failed, cdr.Disposition);
        Assert.Null(cdr.AnsweredAt);
    }

    [Fact]
    public async Task OperatorHangUp_AnsweredCall_EndsThroughTheOwningEdge()
    {
        var (pbx, edge) = await Pbx();
        var (call, _, _) = await Answered(pbx, edge);

        Assert.True(await call.HangUp("fraud review"));
        var command = await edge.NextCommand();

        Assert.Equal(2, command.Legs.Count);
        Assert.Equal(CallDisposition.Answered, (await Settled(call)).Disposition);
        Assert.False(await call.HangUp("again"));
    }

    [Fact]
    public async Task Settlement_TransientFailures_RetriedUntilSettledOnce()
    {
        var (pbx, edge) = await Pbx();
        fixture.Accounting.Script(pbx.AccountId).FailSettlements(2);
        using var failures = new SettlementFailureListener();
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 603));

        var cdr = await Settled(call);

        Assert.Equal(CallDisposition.Declined, cdr.Disposition);
        Assert.Equal(2, fixture.Accounting.FailedSettlements.Count(id => id == call.GetPrimaryKeyString()));
        Assert.Single(fixture.Accounting.SettlementsOf(call.GetPrimaryKeyString()));
        Assert.True(failures.Count("error") >= 2, $"switchboard.settlement.failures{{reason=error}} counted {failures.Count("error")}");
    }

    private async Task<(TestPbx Pbx, TestEdge Edge)> Pbx(
        TimeSpan? ringTimeout = null, TimeSpan? maxCallDuration = null, bool edgeConfirms = true)
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create(ringTimeout, maxCallDuration);
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002");
        var edge = await TestEdge.Connect(fixture, edgeConfirms);
        await pbx.Register("1002", "sip:1002@10.0.0.1:5060", edge.Id);
        return (pbx, edge);
    }

    private async Task<(ICallGrain Call, CallStart Invite, LegStart Leg)> Answered(TestPbx pbx, TestEdge edge)
    {
        var call = TestPbx.NewCall(Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);
        var decision = await call.Start(invite);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 200, "v=0 answer"));
        await call.Acknowledged(invite.CallerLeg.LegCallId);
        return (call, invite, leg);
    }

    private async Task<CallDetailRecord> Settled(ICallGrain call)
    {
        var records = await Eventually.Get(
            () => Task.FromResult(fixture.Accounting.SettlementsOf(call.GetPrimaryKeyString())), r => r.Count >= 1);
        return Assert.Single(records);
    }
}
