using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Emergency;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>
/// Emergency calls against the real account grain: each condition that refuses an ordinary call is shown to refuse
/// it, and then not to stop 112. Every emergency call is settled at no charge with direction Emergency.
/// </summary>
public sealed class EmergencyCallTests(BillingClusterFixture fixture) : IClassFixture<BillingClusterFixture>
{
    private BillingCluster Billing => fixture.Cluster;

    [Fact]
    public async Task ZeroCredit_OrdinaryCallRefused_112Connects_NeverBilled()
    {
        var (pbx, edge) = await Pbx();
        var account = await Billing.OpenAsync(pbx.AccountId, 0m);
        Assert.Equal(402, (await Place(pbx, edge, "4930123456")).Status);

        var cdr = await AnswerAndHangUp(pbx, edge, "112", TimeSpan.FromSeconds(2));

        Assert.Equal((CallDirection.Emergency, CallDisposition.Answered, 0m, 0), (cdr.Direction, cdr.Disposition, cdr.Cost, cdr.BilledSeconds));
        Assert.True(cdr.DurationSeconds >= 2);
        var snapshot = await account.GetSnapshot();
        Assert.Equal((0m, 0m), (snapshot.Balance, snapshot.Reserved));
    }

    [Fact]
    public async Task LockedAccount_OrdinaryCallRefused_112Connects()
    {
        var (pbx, edge) = await Pbx();
        var account = await Billing.OpenAsync(pbx.AccountId, 10m);
        await account.SetStatus(AccountStatus.Locked, "fraud suspected");
        Assert.Equal(403, (await Place(pbx, edge, "4930123456")).Status);

        Assert.Equal(CallDirection.Emergency, (await AnswerAndHangUp(pbx, edge, "112")).Direction);
    }

    [Fact]
    public async Task OutboundDisabledByTenantAndBlockedByOperator_112Connects()
    {
        var (pbx, edge) = await Pbx(outboundAllowed: false);
        await Billing.OpenAsync(pbx.AccountId, 10m);
        (await pbx.Tenant.SetOutboundBlock(new OutboundBlock("unpaid invoices", DateTimeOffset.UtcNow))).OrThrow();
        Assert.Equal(403, (await Place(pbx, edge, "4930123456")).Status);

        Assert.Equal(CallDirection.Emergency, (await AnswerAndHangUp(pbx, edge, "911")).Direction);
    }

    [Fact]
    public async Task SuspendedTenant_112Connects()
    {
        var (pbx, edge) = await Pbx();
        await Billing.OpenAsync(pbx.AccountId, 10m);
        var tenant = (await pbx.Tenant.GetSnapshot())!;
        (await pbx.Tenant.Configure(tenant.Settings with { Status = TenantStatus.Suspended })).OrThrow();
        Assert.Equal(403, (await Place(pbx, edge, "4930123456")).Status);

        Assert.Equal(CallDirection.Emergency, (await AnswerAndHangUp(pbx, edge, "112")).Direction);
    }

    /// <summary>One call up, one call per minute and only Germany allowed: the second ordinary call breaks all three limits.</summary>
    [Fact]
    public async Task FraudLimitsExceeded_OrdinaryCallRefused_112Connects()
    {
        var (pbx, edge) = await Pbx();
        await Billing.OpenAsync(pbx.AccountId, 10m, new FraudLimits(1, 1, 0m, ["1"], ["49"]));
        var first = await Place(pbx, edge, "4930123456");
        Assert.True(first.Accepted, first.Reason);

        var second = await Place(pbx, edge, "4930123457");
        Assert.Equal(403, second.Status);

        Assert.Equal(CallDirection.Emergency, (await AnswerAndHangUp(pbx, edge, "112")).Direction);
    }

    [Fact]
    public async Task AnsweredEmergencyCall_OutlastsTheTenantsMaximumDuration()
    {
        var (pbx, edge) = await Pbx(maxCallDuration: TimeSpan.FromSeconds(1));
        await Billing.OpenAsync(pbx.AccountId, 10m);
        var call = TestPbx.NewCall(Billing.Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "112", edge.Id);
        var decision = await call.Start(invite);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 200, "v=0 answer"));
        await call.Acknowledged(invite.CallerLeg.LegCallId);

        // An ordinary call would be sent BYEs at one second.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False(edge.TryTakeCommand(out _));
        Assert.Equal(CallState.Answered, (await call.GetSnapshot())!.State);
        var verdict = await call.HangupReceived(new LegHangup(invite.CallerLeg.LegCallId, HangupKind.Bye, edge.Id, "BYE"));
        await call.LegEnded(Assert.Single(verdict.Terminate).Dialog.LegCallId, edge.Id);
        Assert.Equal(CallDirection.Emergency, (await Settled(call)).Direction);
    }

    [Fact]
    public async Task DesignatedTrunkFirst_NumberAsDialled_CallbackDidAndLocationPresented()
    {
        var (pbx, edge) = await Pbx();
        await Billing.OpenAsync(pbx.AccountId, 0m);
        await pbx.Tenant.PutTrunk(Trunk("psap", 90, []), null);
        (await pbx.Tenant.PutDid(new Did("442079460123", "1001"))).OrThrow();
        (await pbx.Tenant.SetEmergency(new EmergencyPolicy("GB", [], "psap", "442079460000", "https://lis.example/site-1"))).OrThrow();
        await pbx.Extension("1001").Provision(new ExtensionSettings("Ext 1001", true, null, EmergencyLocation: "https://lis.example/desk-17"), null);

        var decision = await TestPbx.NewCall(Billing.Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), "999", edge.Id));

        Assert.True(decision.Accepted, decision.Reason);
        Assert.Equal((CallDirection.Emergency, ForkStrategy.Sequential), (decision.Direction, decision.Strategy));
        Assert.Equal(["psap", "carrier"], decision.Targets.Select(t => t.TrunkId));
        Assert.All(decision.Targets, t => Assert.Equal("999", t.CalleeNumber));
        Assert.Equal("sip:999@psap.example:5060;user=phone", decision.Targets[0].RequestUri);
        Assert.All(decision.Targets, t => Assert.Equal("442079460123", t.CallerNumber));
        Assert.Equal(
            [new LegHeader("Priority", "emergency"), new LegHeader("P-Asserted-Identity", "<tel:+442079460123>"),
                new LegHeader("Geolocation", "<https://lis.example/desk-17>"), new LegHeader("Geolocation-Routing", "yes")],
            decision.Targets[0].Headers!);
    }

    [Fact]
    public async Task ExtensionWithoutDid_PresentsTheTenantsCallbackNumberAndSiteLocation()
    {
        var (pbx, edge) = await Pbx();
        await Billing.OpenAsync(pbx.AccountId, 0m);
        (await pbx.Tenant.SetEmergency(new EmergencyPolicy(null, [], null, "4930901820", "https://lis.example/site-1"))).OrThrow();

        var decision = await TestPbx.NewCall(Billing.Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), "112", edge.Id));

        var target = Assert.Single(decision.Targets);
        Assert.Equal("4930901820", target.CallerNumber);
        Assert.Contains(new LegHeader("P-Asserted-Identity", "<tel:+4930901820>"), target.Headers!);
        Assert.Contains(new LegHeader("Geolocation", "<https://lis.example/site-1>"), target.Headers!);
    }

    [Fact]
    public async Task CountryAndExtraNumbers_AreEmergency_OtherShortCodesAreNot()
    {
        var (pbx, edge) = await Pbx();
        await Billing.OpenAsync(pbx.AccountId, 10m);
        (await pbx.Tenant.SetEmergency(new EmergencyPolicy("GB", ["116123"], null, null, null))).OrThrow();

        Assert.Equal(CallDirection.Emergency, (await Place(pbx, edge, "999")).Direction);
        Assert.Equal(CallDirection.Emergency, (await Place(pbx, edge, "116123")).Direction);
        var notInGreatBritain = await Place(pbx, edge, "911");
        Assert.Equal((false, CallDirection.Outbound), (notInGreatBritain.Accepted, notInGreatBritain.Direction));
        Assert.Equal(CallDirection.Outbound, (await Place(pbx, edge, "1120")).Direction);
    }

    [Fact]
    public async Task FromATrunk_112IsNoEmergencyCall()
    {
        var (pbx, edge) = await Pbx();
        await Billing.OpenAsync(pbx.AccountId, 10m);

        var decision = await TestPbx.NewCall(Billing.Grains).Start(TestPbx.Invite(pbx.FromTrunk("carrier", "4930555"), "112", edge.Id));

        Assert.Equal((CallDirection.Inbound, 404), (decision.Direction, decision.Status));
    }

    [Fact]
    public async Task NoEnabledTrunk_503_SettledAsAnEmergencyCall()
    {
        var (pbx, edge) = await Pbx(trunk: false);
        await Billing.OpenAsync(pbx.AccountId, 0m);
        var call = TestPbx.NewCall(Billing.Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "112", edge.Id));

        Assert.Equal((false, 503, "No Emergency Route"), (decision.Accepted, decision.Status, decision.Reason));
        var cdr = await Settled(call);
        Assert.Equal((CallDirection.Emergency, CallDisposition.Failed), (cdr.Direction, cdr.Disposition));
    }

    [Fact]
    public async Task Policy_UnknownTrunkCountryOrBadLocation_Refused()
    {
        var (pbx, _) = await Pbx();

        Assert.Contains("Trunk 'nope'", (await pbx.Tenant.SetEmergency(new EmergencyPolicy(null, [], "nope", null, null))).Error!.Message);
        Assert.Contains("Country 'XX'", (await pbx.Tenant.SetEmergency(new EmergencyPolicy("XX", [], null, null, null))).Error!.Message);
        Assert.Contains("Number '1a'", (await pbx.Tenant.SetEmergency(new EmergencyPolicy(null, ["1a"], null, null, null))).Error!.Message);
        Assert.Contains("CallbackNumber", (await pbx.Tenant.SetEmergency(new EmergencyPolicy(null, [], null, "0301234", null))).Error!.Message);
        Assert.Contains("Location", (await pbx.Tenant.SetEmergency(new EmergencyPolicy(null, [], null, null, "file:///etc/passwd"))).Error!.Message);
        Assert.Null((await pbx.Tenant.GetSnapshot())!.Emergency);
    }

    private async Task<(TestPbx Pbx, TestEdge Edge)> Pbx(bool outboundAllowed = true, TimeSpan? maxCallDuration = null, bool trunk = true)
    {
        var pbx = new TestPbx(Billing.Grains);
        await pbx.Create(outboundAllowed: outboundAllowed, maxCallDuration: maxCallDuration);
        await pbx.AddExtension("1001");
        if (trunk)
        {
            await pbx.Tenant.PutTrunk(Trunk("carrier", 10, [new NumberRewriteRule("", "+")]), null);
        }

        return (pbx, await TestEdge.Connect(Billing.Cluster.Client));
    }

    private static Trunk Trunk(string id, int priority, IReadOnlyList<NumberRewriteRule> rewrites) =>
        new(id, id + ".example", 5060, SipTransport.Udp, null, rewrites, priority, false, null, [], true);

    private Task<CallDecision> Place(TestPbx pbx, TestEdge edge, string dialled) =>
        TestPbx.NewCall(Billing.Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), dialled, edge.Id));

    private async Task<CallDetailRecord> AnswerAndHangUp(TestPbx pbx, TestEdge edge, string dialled, TimeSpan? talk = null)
    {
        var call = TestPbx.NewCall(Billing.Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), dialled, edge.Id);
        var decision = await call.Start(invite);
        Assert.True(decision.Accepted, decision.Reason);
        Assert.Equal(CallDirection.Emergency, decision.Direction);
        await TestPbx.TalkAndHangUp(call, invite.CallerLeg.LegCallId, decision.Targets[0], edge.Id, talk);
        return await Settled(call);
    }

    private async Task<CallDetailRecord> Settled(ICallGrain call)
    {
        await Eventually.Get(call.GetSnapshot, s => s is { Settled: true }, TimeSpan.FromSeconds(10));
        return (await Billing.Cdrs.GetAsync(call.GetPrimaryKeyString(), null))!;
    }
}
