using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>
/// Call forwarding through the call grain (scripted accounts): unconditional, busy and no answer, to an extension or an
/// outside number, and loops. 1001 calls 1002; 1002 forwards; 1003 is the extension target.
/// </summary>
[Collection(CallControlClusterFixture.Collection)]
public sealed class CallForwardingTests(CallControlClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Always_ToAnExtension_RingsItsPhonesInstead_CallerStillPays()
    {
        var (pbx, edge) = await Pbx(new CallForwarding("1003", null, null));
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));

        Assert.True(decision.Accepted, decision.Reason);
        Assert.Equal("sip:1003@10.0.0.3:5060", Assert.Single(decision.Targets).RequestUri);
        var cdr = await AnswerAndHangUp(call, decision.Targets[0], edge);
        Assert.Equal((CallDirection.OnNet, "1003", pbx.AccountId), (cdr.Direction, cdr.Callee, cdr.AccountId));
    }

    [Fact]
    public async Task Always_ToAnOutsideNumber_OutboundThroughTheTrunks_PaidByTheForwardersAccount()
    {
        var (pbx, edge) = await Pbx(new CallForwarding("+4930555777", null, null), forwarderAccount: "acct-fwd-" + Guid.NewGuid().ToString("N")[..8]);
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));

        Assert.Equal((CallDirection.Outbound, "carrier"), (decision.Direction, Assert.Single(decision.Targets).TrunkId));
        Assert.Equal(
            [new LegHeader("Diversion", $"<sip:1002@{pbx.Domain};user=phone>;reason=unconditional;counter=1")], decision.Targets[0].Headers!);
        var authorization = Assert.Single(fixture.Accounting.Authorizations, a => a.CallId == call.GetPrimaryKeyString());
        Assert.Equal((CallDirection.Outbound, "4930555777"), (authorization.Direction, authorization.Destination));
        var cdr = await AnswerAndHangUp(call, decision.Targets[0], edge);
        Assert.Equal(((await pbx.Extension("1002").GetSnapshot())!.Settings.AccountId, "4930555777"), (cdr.AccountId, cdr.Callee));
    }

    [Fact]
    public async Task Busy_ToAnExtension_NextLegsGoToItsPhones()
    {
        var (pbx, edge) = await Pbx(new CallForwarding(null, "1003", null));
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var first = TestPbx.CalleeLeg(Assert.Single(decision.Targets), edge.Id);
        await call.LegStarted(first);

        var verdict = await call.LegResponded(TestPbx.Response(first, 486));

        Assert.Equal(LegAction.TryNext, verdict.Action);
        Assert.Equal(("sip:1003@10.0.0.3:5060", 1), (verdict.NextTarget!.RequestUri, verdict.NextTarget.Index));
        var cdr = await AnswerAndHangUp(call, verdict.NextTarget, edge);
        Assert.Equal((CallDisposition.Answered, "1003"), (cdr.Disposition, cdr.Callee));
    }

    [Fact]
    public async Task NoAnswer_AfterItsRingTime_RingingPhonesCancelled_ThenForwarded()
    {
        var (pbx, edge) = await Pbx(new CallForwarding(null, null, "1003", NoAnswerSeconds: 5));
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var first = TestPbx.CalleeLeg(Assert.Single(decision.Targets), edge.Id);
        await call.LegStarted(first);
        Assert.Equal(LegAction.Relay, (await call.LegResponded(TestPbx.Response(first, 180))).Action);

        var command = await edge.NextCommand(TimeSpan.FromSeconds(10));

        var cancel = Assert.Single(command.Legs);
        Assert.Equal((TerminationMethod.Cancel, first.Dialog.LegCallId), (cancel.Method, cancel.Dialog.LegCallId));
        Assert.Equal(CallState.Ringing, (await call.GetSnapshot())!.State);
        var verdict = await call.LegResponded(TestPbx.Response(first, 487));
        Assert.Equal(LegAction.TryNext, verdict.Action);
        Assert.Equal("sip:1003@10.0.0.3:5060", verdict.NextTarget!.RequestUri);
    }

    [Fact]
    public async Task NoAnswer_NoPhoneRegistered_ForwardedAtOnce()
    {
        var (pbx, edge) = await Pbx(new CallForwarding(null, null, "1003"), register: false);

        var decision = await TestPbx.NewCall(Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));

        Assert.Equal("sip:1003@10.0.0.3:5060", Assert.Single(decision.Targets).RequestUri);
    }

    [Fact]
    public async Task Loop_1002To1003To1002_482()
    {
        var (pbx, edge) = await Pbx(new CallForwarding("1003", null, null));
        await pbx.Extension("1003").Provision(new ExtensionSettings("Ext 1003", true, null, Forwarding: new CallForwarding("1002", null, null)), null);
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));

        Assert.Equal((false, 482, "Loop Detected"), (decision.Accepted, decision.Status, decision.Reason));
    }

    [Fact]
    public async Task BusyLoopBack_CallerGetsBusy()
    {
        var (pbx, edge) = await Pbx(new CallForwarding(null, "1003", null));
        await pbx.Extension("1003").Provision(new ExtensionSettings("Ext 1003", true, null, Forwarding: new CallForwarding(null, "1002", null)), null);
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var first = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(first);
        var forwarded = await call.LegResponded(TestPbx.Response(first, 486));
        var second = TestPbx.CalleeLeg(forwarded.NextTarget!, edge.Id);
        await call.LegStarted(second);

        var verdict = await call.LegResponded(TestPbx.Response(second, 486));

        Assert.Equal((LegAction.Fail, 486), (verdict.Action, verdict.Status));
        Assert.Equal(CallDisposition.Busy, (await Settled(call)).Disposition);
    }

    [Fact]
    public async Task Busy_ToAnOutsideNumber_CallersReservationReleased_ForwarderAuthorises()
    {
        var forwarderAccount = "acct-fwd-" + Guid.NewGuid().ToString("N")[..8];
        var (pbx, edge) = await Pbx(new CallForwarding(null, "4930555888", null), forwarderAccount: forwarderAccount);
        (await pbx.Tenant.PutDid(new Did("4930123002", "1002"))).OrThrow();
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var first = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(first);

        var verdict = await call.LegResponded(TestPbx.Response(first, 486));

        Assert.Equal((LegAction.TryNext, "carrier"), (verdict.Action, verdict.NextTarget!.TrunkId));
        Assert.Equal(
            [new LegHeader("Diversion", $"<sip:+4930123002@{pbx.Domain};user=phone>;reason=user-busy;counter=1")], verdict.NextTarget.Headers!);
        Assert.Contains((pbx.AccountId, call.GetPrimaryKeyString()), fixture.Accounting.Releases);
        var forwarded = fixture.Accounting.Authorizations.Last(a => a.CallId == call.GetPrimaryKeyString());
        Assert.Equal((CallDirection.Outbound, "4930555888"), (forwarded.Direction, forwarded.Destination));
        var cdr = await AnswerAndHangUp(call, verdict.NextTarget, edge);
        Assert.Equal((forwarderAccount, CallDirection.Outbound, "carrier"), (cdr.AccountId, cdr.Direction, cdr.TrunkId));
    }

    [Fact]
    public async Task Busy_ForwardersAccountRefuses_CallerGetsTheBusy()
    {
        var forwarderAccount = "acct-fwd-" + Guid.NewGuid().ToString("N")[..8];
        var (pbx, edge) = await Pbx(new CallForwarding(null, "4930555888", null), forwarderAccount: forwarderAccount);
        fixture.Accounting.Script(forwarderAccount, new AccountScript { Authorize = _ => CallAuthorization.Refuse(402, "Insufficient credit") });
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var first = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(first);

        var verdict = await call.LegResponded(TestPbx.Response(first, 486));

        Assert.Equal((LegAction.Fail, 486), (verdict.Action, verdict.Status));
        var cdr = await Settled(call);
        Assert.Equal((CallDisposition.Busy, pbx.AccountId), (cdr.Disposition, cdr.AccountId));
    }

    private async Task<(TestPbx Pbx, TestEdge Edge)> Pbx(CallForwarding forwarding, bool register = true, string? forwarderAccount = null)
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.Extension("1002").Provision(new ExtensionSettings("Ext 1002", true, forwarderAccount, Forwarding: forwarding), TestPbx.Password);
        await pbx.AddExtension("1003");
        await pbx.Tenant.PutTrunk(new Trunk("carrier", "carrier.example", 5060, SipTransport.Udp, null, [], 10, false, null, [], true), null);
        var edge = await TestEdge.Connect(fixture);
        if (register)
        {
            await pbx.Register("1002", "sip:1002@10.0.0.2:5060", edge.Id);
        }

        await pbx.Register("1003", "sip:1003@10.0.0.3:5060", edge.Id);
        return (pbx, edge);
    }

    private async Task<CallDetailRecord> AnswerAndHangUp(ICallGrain call, CallTarget target, TestEdge edge)
    {
        // The caller leg is the snapshot's first.
        await TestPbx.TalkAndHangUp(call, (await call.GetSnapshot())!.Legs[0].LegCallId, target, edge.Id);
        return await Settled(call);
    }

    private async Task<CallDetailRecord> Settled(ICallGrain call)
    {
        var records = await Eventually.Get(
            () => Task.FromResult(fixture.Accounting.SettlementsOf(call.GetPrimaryKeyString())), r => r.Count >= 1);
        return Assert.Single(records);
    }
}
