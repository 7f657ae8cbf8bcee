using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>
/// A call forwarded to an outside number, against the real account grains: the forwarding extension's account pays and
/// its fraud limits apply; the caller's account is left as it was.
/// </summary>
public sealed class ForwardingBillingTests(BillingClusterFixture fixture) : IClassFixture<BillingClusterFixture>
{
    private BillingCluster Billing => fixture.Cluster;

    [Fact]
    public async Task BusyForwardToBerlin_ForwarderPays_CallerUntouched()
    {
        var (pbx, edge, forwarder) = await Pbx("4930123456");
        var caller = await Billing.OpenAsync(pbx.AccountId, 5m);
        var paying = await Billing.OpenAsync(forwarder, 1m);
        var call = TestPbx.NewCall(Billing.Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);
        var decision = await call.Start(invite);
        var first = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(first);

        var verdict = await call.LegResponded(TestPbx.Response(first, 486));
        Assert.Equal(LegAction.TryNext, verdict.Action);
        await TestPbx.TalkAndHangUp(call, invite.CallerLeg.LegCallId, verdict.NextTarget!, edge.Id, TimeSpan.FromSeconds(2));
        await Eventually.Get(call.GetSnapshot, s => s is { Settled: true }, TimeSpan.FromSeconds(10));

        var cdr = (await Billing.Cdrs.GetAsync(call.GetPrimaryKeyString(), null))!;
        Assert.Equal((forwarder, CallDirection.Outbound, "4930123456"), (cdr.AccountId, cdr.Direction, cdr.Callee));
        Assert.True(cdr.Cost > 0m);
        Assert.Equal((1m - cdr.Cost, 0m), ((await paying.GetSnapshot()).Balance, (await paying.GetSnapshot()).Reserved));
        var callerAfter = await caller.GetSnapshot();
        Assert.Equal((5m, 0m, 0), (callerAfter.Balance, callerAfter.Reserved, callerAfter.ActiveCalls));
    }

    [Fact]
    public async Task BusyForwardOutsideTheForwardersAllowedCountries_RefusedByItsFraudLimits_CallerGetsBusy()
    {
        var (pbx, edge, forwarder) = await Pbx("4930123456");
        await Billing.OpenAsync(pbx.AccountId, 5m);
        await Billing.OpenAsync(forwarder, 10m, new FraudLimits(0, 0, 0m, [], ["44"]));
        var call = TestPbx.NewCall(Billing.Grains);
        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));
        var first = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(first);

        var verdict = await call.LegResponded(TestPbx.Response(first, 486));

        Assert.Equal((LegAction.Fail, 486), (verdict.Action, verdict.Status));
        var alerts = await Billing.Alerts.ListAsync(new Grains.Storage.FraudAlertQuery(null, AccountId: forwarder));
        Assert.Equal(FraudRule.CountryNotAllowed, Assert.Single(alerts).Rule);
    }

    [Fact]
    public async Task AlwaysForward_ForwardersAccountLocked_Refused()
    {
        var (pbx, edge, forwarder) = await Pbx("4930123456", always: true);
        await Billing.OpenAsync(pbx.AccountId, 5m);
        var paying = await Billing.OpenAsync(forwarder, 10m);
        await paying.SetStatus(AccountStatus.Locked, "fraud suspected");

        var decision = await TestPbx.NewCall(Billing.Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id));

        Assert.Equal((false, 403, CallDirection.Outbound), (decision.Accepted, decision.Status, decision.Direction));
    }

    private async Task<(TestPbx Pbx, TestEdge Edge, string Forwarder)> Pbx(string target, bool always = false)
    {
        var pbx = new TestPbx(Billing.Grains);
        await pbx.Create();
        await pbx.AddExtension("1001");
        var forwarder = "acct-fwd-" + pbx.TenantId;
        var forwarding = always ? new CallForwarding(target, null, null) : new CallForwarding(null, target, null);
        await pbx.Extension("1002").Provision(new ExtensionSettings("Ext 1002", true, forwarder, Forwarding: forwarding), TestPbx.Password);
        await pbx.Tenant.PutTrunk(
            new Trunk("carrier", "carrier.example", 5060, SipTransport.Udp, null, [], 10, false, "plan-carrier", [], true), null);
        var edge = await TestEdge.Connect(Billing.Cluster.Client);
        await pbx.Register("1002", "sip:1002@10.0.0.2:5060", edge.Id);
        return (pbx, edge, forwarder);
    }
}
