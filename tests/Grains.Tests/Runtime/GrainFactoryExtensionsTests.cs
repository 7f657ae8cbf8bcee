using Orleans.Runtime;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Security;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Runtime;

/// <summary>The cached references address the same grain, through the same interface, as Orleans' own lookup.</summary>
[Collection(CallControlClusterFixture.Collection)]
public sealed class GrainFactoryExtensionsTests(CallControlClusterFixture fixture)
{
    [Fact]
    public void StringKey_SameGrainIdAndInterfaceAsGetGrain()
    {
        foreach (var key in new[] { "call-a", "call-b", "ü-non-ascii" })
        {
            AssertSame(fixture.Grains.GetGrain<ICallGrain>(key), fixture.Grains.Grain<ICallGrain>(key));
            AssertSame(fixture.Grains.GetGrain<ITenantGrain>(key), fixture.Grains.Grain<ITenantGrain>(key));
        }
    }

    [Fact]
    public void IntegerKey_SameGrainIdAndInterfaceAsGetGrain()
    {
        foreach (var key in new long[] { 0, 7, -1 })
        {
            AssertSame(fixture.Grains.GetGrain<ISourceBanGrain>(key), fixture.Grains.Grain<ISourceBanGrain>(key));
        }
    }

    [Fact]
    public async Task CachedReference_ReachesTheGrain()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create(outboundAllowed: false);

        var snapshot = await fixture.Grains.Grain<ITenantGrain>(pbx.TenantId).GetSnapshot();

        Assert.Equal(pbx.Domain, snapshot?.Settings.SipDomain);
    }

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
    }
}
