using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>
/// The call grain against the real account grain (no scripted seam): a prepaid balance bounds an outbound call,
/// and settlement through the account leaves the balance exactly at zero.
/// </summary>
public sealed class AccountBillingTests : IAsyncLifetime
{
    private BillingCluster _billing = null!;

    public async Task InitializeAsync() => _billing = await BillingCluster.StartAsync(silos: 1);

    public async Task DisposeAsync() => await _billing.DisposeAsync();

    [Fact]
    public async Task PrepaidOutboundCall_EndsWhenTheBalanceRunsOut_SettledToZero()
    {
        var (pbx, edge) = await Pbx();

        // Berlin at 0.60/min in 1/1 increments: 0.05 EUR buys five seconds.
        var account = await _billing.OpenAsync(pbx.AccountId, 0.05m);
        var call = TestPbx.NewCall(_billing.Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "4930123456", edge.Id);

        var decision = await call.Start(invite);
        Assert.True(decision.Accepted, decision.Reason);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 200, "v=0 answer"));
        await call.Acknowledged(invite.CallerLeg.LegCallId);

        var command = await edge.NextCommand(TimeSpan.FromSeconds(15));
        Assert.All(command.Legs, l => Assert.Equal(TerminationMethod.Bye, l.Method));
        var ended = await Eventually.Get(call.GetSnapshot, s => s!.Settled, TimeSpan.FromSeconds(15));

        Assert.Equal(CallDisposition.CreditExhausted, ended!.Disposition);
        Assert.Equal(TimeSpan.FromSeconds(5), ended.EndedAt - ended.AnsweredAt);
        var snapshot = await account.GetSnapshot();
        Assert.Equal(0m, snapshot.Balance);
        Assert.Equal(0m, snapshot.Reserved);

        // The trunk's carrier deck (0.30/min, 1/1) prices the same five seconds, so the CDR carries the margin.
        var cdr = await _billing.Cdrs.GetAsync(call.GetPrimaryKeyString(), null);
        Assert.Equal(("carrier", "plan-carrier", 0.05m, 0.025m, 0.025m), (cdr!.TrunkId, cdr.CarrierPlanId, cdr.Cost, cdr.CarrierCost, cdr.Margin));
        Assert.Equal("49", cdr.CarrierRate!.Prefix);
    }

    [Fact]
    public async Task EmptyAccount_RefusedWithTheAccountsStatus()
    {
        var (pbx, edge) = await Pbx();
        await _billing.OpenAsync(pbx.AccountId, 0m);
        var call = TestPbx.NewCall(_billing.Grains);

        var decision = await call.Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123456", edge.Id));

        Assert.False(decision.Accepted);
        Assert.Equal(402, decision.Status);
        var settled = await Eventually.Get(call.GetSnapshot, s => s!.Settled, TimeSpan.FromSeconds(10));
        Assert.Equal(CallDisposition.Refused, settled!.Disposition);
    }

    private async Task<(TestPbx Pbx, TestEdge Edge)> Pbx()
    {
        var pbx = new TestPbx(_billing.Grains);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.Tenant.PutTrunk(
            new Trunk("carrier", "carrier.example", 5060, SipTransport.Udp, null, [], 10, false, "plan-carrier", [], true), null);
        var edge = await TestEdge.Connect(_billing.Cluster.Client);
        return (pbx, edge);
    }
}
