using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

[Collection(CallControlClusterFixture.Collection)]
public sealed class CallRoutingTests(CallControlClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Outbound_TrunksInPriorityOrder_FailoverOn503_CdrNamesTheTrunkUsed()
    {
        var (pbx, edge) = await Pbx();
        await pbx.Tenant.PutTrunk(Trunk("backup", 20, [new NumberRewriteRule("49", "0049")], plan: "carrier-b"), null);
        await pbx.Tenant.PutTrunk(Trunk("primary", 10, [new NumberRewriteRule("", "+")], plan: "carrier-a"), null);
        var call = TestPbx.NewCall(Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "+49 30 123", edge.Id);

        var decision = await call.Start(invite);

        Assert.Equal(CallDirection.Outbound, decision.Direction);
        Assert.Equal(ForkStrategy.Sequential, decision.Strategy);
        Assert.Equal(["primary", "backup"], decision.Targets.Select(t => t.TrunkId));
        Assert.Equal(["+4930123", "004930123"], decision.Targets.Select(t => t.CalleeNumber));
        var request = Assert.Single(fixture.Accounting.Authorizations, a => a.CallId == call.GetPrimaryKeyString());
        Assert.Equal("4930123", request.Destination);
        Assert.Equal(CallDirection.Outbound, request.Direction);

        var first = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(first);
        var failover = await call.LegResponded(TestPbx.Response(first, 503));
        Assert.Equal(LegAction.TryNext, failover.Action);
        Assert.Equal("backup", failover.NextTarget!.TrunkId);

        var second = TestPbx.CalleeLeg(failover.NextTarget, edge.Id);
        await call.LegStarted(second);
        Assert.Equal(LegAction.Connect, (await call.LegResponded(TestPbx.Response(second, 200, "v=0 answer"))).Action);
        await call.Acknowledged(invite.CallerLeg.LegCallId);
        var verdict = await call.HangupReceived(new LegHangup(second.Dialog.LegCallId, HangupKind.Bye, edge.Id, "BYE"));
        await call.LegEnded(Assert.Single(verdict.Terminate).Dialog.LegCallId, edge.Id);

        var cdr = await Settled(call);
        Assert.Equal("backup", cdr.TrunkId);
        Assert.Equal("carrier-b", cdr.CarrierPlanId);
        Assert.Equal("4930123", cdr.Callee);
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
    }

    [Fact]
    public async Task Outbound_BusyFromCarrier_NoFailover()
    {
        var (pbx, edge) = await Pbx();
        await pbx.Tenant.PutTrunk(Trunk("primary", 10, []), null);
        await pbx.Tenant.PutTrunk(Trunk("backup", 20, []), null);
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123", edge.Id));
        var first = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(first);

        var verdict = await call.LegResponded(TestPbx.Response(first, 486));

        Assert.Equal(LegAction.Fail, verdict.Action);
        Assert.Equal(CallDisposition.Busy, (await Settled(call)).Disposition);
    }

    [Fact]
    public async Task Outbound_LastTrunkFails_BestResponseGoesToCaller()
    {
        var (pbx, edge) = await Pbx();
        await pbx.Tenant.PutTrunk(Trunk("only", 10, []), null);
        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123", edge.Id));
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);

        var verdict = await call.LegResponded(TestPbx.Response(leg, 503));

        Assert.Equal(LegAction.Fail, verdict.Action);
        Assert.Equal(500, verdict.Status);
        Assert.Equal(CallDisposition.Failed, (await Settled(call)).Disposition);
    }

    [Fact]
    public async Task Inbound_FromTrunkSource_ToDid_RingsTheExtension()
    {
        var (pbx, edge) = await Pbx();
        var range = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.0/24";
        await pbx.Tenant.PutTrunk(Trunk("carrier", 10, [], sources: [range]), new TrunkCredentials("user", "carrier-pass"));
        await pbx.Tenant.PutDid(new Did("4930555", "1002"));
        var host = range[..range.LastIndexOf('.')] + ".44";

        var source = await Grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Key).ResolveTrunkSource(host);
        Assert.Equal(new TrunkSource(pbx.TenantId, "carrier"), source);

        var call = TestPbx.NewCall(Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromTrunk("carrier", "4917099"), "+4930555", edge.Id));

        Assert.True(decision.Accepted);
        Assert.Equal(CallDirection.Inbound, decision.Direction);
        Assert.Equal("sip:1002@10.0.0.1:5060", Assert.Single(decision.Targets).RequestUri);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 480));
        var cdr = await Settled(call);
        Assert.Equal(CallDirection.Inbound, cdr.Direction);
        Assert.Equal("carrier", cdr.TrunkId);
        Assert.Equal(pbx.AccountId, cdr.AccountId);
        Assert.Equal(CallDisposition.NoAnswer, cdr.Disposition);
    }

    [Fact]
    public async Task Inbound_NumberThatIsNoDid_404_SettledAsNotFound()
    {
        var (pbx, edge) = await Pbx();
        await pbx.Tenant.PutTrunk(Trunk("carrier", 10, []), null);
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromTrunk("carrier", "4917099"), "4930999", edge.Id));

        Assert.False(decision.Accepted);
        Assert.Equal(404, decision.Status);
        Assert.Equal(CallDisposition.NotFound, (await Settled(call)).Disposition);
    }

    [Fact]
    public async Task OnNet_ExtensionWithoutBindings_480()
    {
        var (pbx, edge) = await Pbx();
        await pbx.AddExtension("1003");
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1003", edge.Id));

        Assert.Equal(480, decision.Status);
        Assert.Equal(CallDisposition.NoAnswer, (await Settled(call)).Disposition);
    }

    [Fact]
    public async Task Outbound_NoTrunks_404()
    {
        var (pbx, edge) = await Pbx();
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123", edge.Id));

        Assert.Equal(404, decision.Status);
        Assert.Equal(CallDisposition.NotFound, (await Settled(call)).Disposition);
    }

    [Fact]
    public async Task Outbound_ToAnOutsideNumber_ActivatesNoExtensionGrainForIt()
    {
        var (pbx, edge) = await Pbx();
        await pbx.Tenant.PutTrunk(Trunk("primary", 10, []), null);
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930555", edge.Id));

        Assert.Equal(CallDirection.Outbound, decision.Direction);
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.DoesNotContain(statistics, s => s.GrainId.Key.ToString() == ExtensionKeys.For(pbx.TenantId, "4930555"));
        Assert.Contains(statistics, s => s.GrainId.Key.ToString() == ExtensionKeys.For(pbx.TenantId, "1001"));
        await call.HangUp("test over");
    }

    [Fact]
    public async Task Outbound_NotAllowedByPolicy_403Refused()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create(outboundAllowed: false);
        await pbx.AddExtension("1001");
        await pbx.Tenant.PutTrunk(Trunk("primary", 10, []), null);
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123", "edge-x"));

        Assert.Equal(403, decision.Status);
        Assert.Equal(CallDisposition.Refused, (await Settled(call)).Disposition);
    }

    [Fact]
    public async Task BillingRefusal_StatusAndReasonFromTheAccount_SettledAsRefused()
    {
        var (pbx, edge) = await Pbx();
        fixture.Accounting.Script(pbx.AccountId, new AccountScript { Authorize = _ => CallAuthorization.Refuse(402, "Insufficient Credit") });
        var call = TestPbx.NewCall(Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));

        Assert.False(decision.Accepted);
        Assert.Equal(402, decision.Status);
        Assert.Equal("Insufficient Credit", decision.Reason);
        var cdr = await Settled(call);
        Assert.Equal(CallDisposition.Refused, cdr.Disposition);
        Assert.Equal(402, cdr.FinalSipStatus);
    }

    [Fact]
    public async Task ExtensionAccountOverride_PaysInsteadOfTheTenant()
    {
        var (pbx, edge) = await Pbx();
        await pbx.AddExtension("2001", accountId: "acct-own-" + pbx.TenantId);
        var call = TestPbx.NewCall(Grains);

        await call.Start(TestPbx.Invite(pbx.FromExtension("2001"), "1003", edge.Id));

        Assert.Equal("acct-own-" + pbx.TenantId, (await Settled(call)).AccountId);
    }

    [Fact]
    public async Task Start_RetriedAfterUnknownOutcome_SameDecision_OneAuthorization()
    {
        var (pbx, edge) = await Pbx();
        var call = TestPbx.NewCall(Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);

        var first = await call.Start(invite);
        var again = await call.Start(invite);

        Assert.Equal(first.Targets, again.Targets);
        Assert.Single(fixture.Accounting.Authorizations, a => a.CallId == call.GetPrimaryKeyString());
    }

    private async Task<(TestPbx Pbx, TestEdge Edge)> Pbx()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002");
        var edge = await TestEdge.Connect(fixture);
        await pbx.Register("1002", "sip:1002@10.0.0.1:5060", edge.Id);
        return (pbx, edge);
    }

    private static Trunk Trunk(string id, int priority, NumberRewriteRule[] rewrites, string? plan = null, string[]? sources = null) =>
        new(id, id + ".carrier.example", 5060, SipTransport.Udp, "user", rewrites, priority, false, plan, sources ?? [], true);

    private async Task<CallDetailRecord> Settled(ICallGrain call)
    {
        var records = await Eventually.Get(
            () => Task.FromResult(fixture.Accounting.SettlementsOf(call.GetPrimaryKeyString())), r => r.Count >= 1);
        return Assert.Single(records);
    }
}
