using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Tests.Support;
using Switchboard.Grains.Calls;

namespace Switchboard.Edge.Tests.Calls;

public sealed class CallTableTests : IDisposable
{
    private readonly CallerSessions _sessions = new(new FakeTimeProvider());

    [Fact]
    public void TryAdd_SecondCallOnTheSameCallerCallId_RefusedAndTheFirstKept()
    {
        var table = new CallTable();
        var first = _sessions.NewSession(CallKeys.NewCallId());
        var second = _sessions.NewSession(CallKeys.NewCallId());

        Assert.True(table.TryAdd(first));
        Assert.False(table.TryAdd(second));

        Assert.Same(first, table.FindByLeg("leg-caller"));
        Assert.Null(table.FindByCall(second.CallId));
        Assert.Equal(1, table.Count);
        Assert.True(table.Remove(first));
        Assert.True(table.TryAdd(second));
    }

    [Fact]
    public void RemoveLeg_ACalleeLegThatNeverStarted_NoLongerFound()
    {
        var table = new CallTable();
        var session = _sessions.NewSession(CallKeys.NewCallId());
        table.TryAdd(session);
        table.AddLeg(session, "leg-callee");

        table.RemoveLeg("leg-callee");

        Assert.Null(table.FindByLeg("leg-callee"));
        Assert.Same(session, table.FindByLeg("leg-caller"));
    }

    public void Dispose() => _sessions.Dispose();
}
