using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>An emergency call when its account cannot answer: an ordinary call gets 503, the emergency call connects.</summary>
[Collection(CallControlClusterFixture.Collection)]
public sealed class EmergencyBillingOutageTests(CallControlClusterFixture fixture)
{
    [Fact]
    public async Task AccountThrows_OrdinaryCall503_EmergencyCallConnectsAndIsStillSettled()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.Tenant.PutTrunk(new Trunk("carrier", "carrier.example", 5060, SipTransport.Udp, null, [], 10, false, null, [], true), null);
        fixture.Accounting.Script(pbx.AccountId, new AccountScript { Authorize = _ => throw new TimeoutException("account unreachable") });
        await using var edge = await TestEdge.Connect(fixture);

        var ordinary = await TestPbx.NewCall(fixture.Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123", edge.Id));
        Assert.Equal((false, 503), (ordinary.Accepted, ordinary.Status));

        var call = TestPbx.NewCall(fixture.Grains);
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "112", edge.Id);
        var decision = await call.Start(invite);
        Assert.True(decision.Accepted, decision.Reason);
        await TestPbx.TalkAndHangUp(call, invite.CallerLeg.LegCallId, decision.Targets[0], edge.Id);

        await Eventually.Get(call.GetSnapshot, s => s is { Settled: true }, TimeSpan.FromSeconds(10));
        var cdr = Assert.Single(fixture.Accounting.SettlementsOf(call.GetPrimaryKeyString()));
        Assert.Equal((CallDirection.Emergency, CallDisposition.Answered), (cdr.Direction, cdr.Disposition));
        Assert.DoesNotContain(fixture.Accounting.AnsweredLeases, l => l.Cdr.CallId == call.GetPrimaryKeyString());
    }
}
