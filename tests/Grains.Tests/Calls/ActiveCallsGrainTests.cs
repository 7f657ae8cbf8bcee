using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

[Collection(CallControlClusterFixture.Collection)]
public sealed class ActiveCallsGrainTests(CallControlClusterFixture fixture)
{
    private static ActiveCall Line(string tenantId, string callId) =>
        new(callId, tenantId, CallState.Answered, CallDirection.OnNet, "1001", "1002", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Update_ListsAnsweredCalls_AndDropsEndedOnes()
    {
        var tenant = "active-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IActiveCallsGrain>(tenant);
        var (first, second) = (CallKeys.NewCallId(), CallKeys.NewCallId());

        await grain.Update([Line(tenant, first), Line(tenant, second)], []);
        await Eventually.Get(grain.Count, count => count == 2);
        await grain.Update([], [first]);

        var listed = await Eventually.Get(grain.List, calls => calls.Count == 1);
        Assert.Equal(second, Assert.Single(listed).CallId);
    }

    [Fact]
    public async Task Update_AnEndedCallsLineArrivingLater_IsNotListed()
    {
        var tenant = "active-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IActiveCallsGrain>(tenant);
        var (ended, marker, live) = (CallKeys.NewCallId(), CallKeys.NewCallId(), CallKeys.NewCallId());

        // The end overtook the answer (two updates of one silo, or a refresh already in flight). One-way calls may
        // arrive in any order, so each step waits until the grain shows it was applied.
        await grain.Update([Line(tenant, marker)], [ended]);
        await Eventually.Get(grain.List, calls => calls.Any(c => c.CallId == marker));
        await grain.Update([Line(tenant, ended), Line(tenant, live)], []);
        await Eventually.Get(grain.List, calls => calls.Any(c => c.CallId == live));
        await grain.ReportMany([Line(tenant, ended)]);
        await grain.Update([], [marker]);

        var listed = await Eventually.Get(grain.List, calls => calls.All(c => c.CallId != marker));
        Assert.Equal(live, Assert.Single(listed).CallId);
    }
}
