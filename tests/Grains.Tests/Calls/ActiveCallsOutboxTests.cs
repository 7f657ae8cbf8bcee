using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;

namespace Switchboard.Grains.Tests.Calls;

public sealed class ActiveCallsOutboxTests
{
    private static ActiveCall Line(string tenantId, string callId) =>
        new(callId, tenantId, CallState.Answered, CallDirection.Outbound, "1001", "4930123456", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Drain_GroupsPerTenant_InOrder_ThenStartsEmpty()
    {
        var outbox = new ActiveCallsOutbox();
        outbox.Answered(Line("a", "call-1"));
        outbox.Answered(Line("b", "call-2"));
        outbox.Ended("a", "call-1");
        outbox.Answered(Line("a", "call-3"));

        var drained = outbox.Drain();

        Assert.Equal(["a", "b"], drained.Keys.Order());
        Assert.Equal(["call-1", "call-3"], drained["a"].Answered.Select(l => l.CallId));
        Assert.Equal(["call-1"], drained["a"].Ended);
        Assert.Equal(["call-2"], drained["b"].Answered.Select(l => l.CallId));
        Assert.Empty(drained["b"].Ended);
        Assert.Empty(outbox.Drain());
    }
}
