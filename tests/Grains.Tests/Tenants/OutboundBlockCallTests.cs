using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Tenants;

/// <summary>An operator's outbound block stops calls to trunks even when the tenant's policy allows them.</summary>
[Collection(CallControlClusterFixture.Collection)]
public sealed class OutboundBlockCallTests(CallControlClusterFixture fixture)
{
    [Fact]
    public async Task Outbound_BlockedByOperatorWhileThePolicyAllowsIt_403UntilLifted()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create(outboundAllowed: true);
        await pbx.AddExtension("1001");
        (await pbx.Tenant.PutTrunk(new Trunk("primary", "primary.carrier.example", 5060, SipTransport.Udp, "user", [], 10, false, null, [], true), null)).OrThrow();
        (await pbx.Tenant.SetOutboundBlock(new OutboundBlock("suspected IRSF", DateTimeOffset.UtcNow))).OrThrow();
        (await pbx.Tenant.UpdatePolicies(new TenantPoliciesPatch(OutboundAllowed: true))).OrThrow();

        var blocked = await TestPbx.NewCall(fixture.Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123", "edge-x"));

        (await pbx.Tenant.SetOutboundBlock(null)).OrThrow();
        var lifted = await TestPbx.NewCall(fixture.Grains).Start(TestPbx.Invite(pbx.FromExtension("1001"), "4930123", "edge-x"));

        Assert.Equal(403, blocked.Status);
        Assert.NotEqual(403, lifted.Status);
        Assert.Equal(["primary"], lifted.Targets.Select(t => t.TrunkId));
    }
}
