using CalleeLeg = Switchboard.Edge.Calls.CalleeLeg;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;

namespace Switchboard.Edge.Tests.Calls;

public sealed class CalleeLegTests
{
    private static CalleeLeg NewLeg()
    {
        var address = new TransportAddress(SipTransport.Udp, "127.0.0.1", 5062);
        var target = new CallTarget(0, TargetKind.Binding, "sip:1002@127.0.0.1:5062", "1002", address, [], null, null, true);
        var dialog = new LegDialog("leg-1", LegRole.Callee, "tag-1", null, "sip:1001@e2e.test", "sip:1002@e2e.test", 1, 0,
            "sip:1002@127.0.0.1:5062", [], "edge-1", address, null, null);
        return new CalleeLeg(target, dialog);
    }

    [Fact]
    public void TryClaimCancel_ManyCallersAtOnce_ExactlyOneSends()
    {
        // Under load the grain's CANCEL order and the edge's own "another branch won" path raced, and the second
        // CANCEL for the same branch failed in the transaction layer; only the first claim may send.
        var leg = NewLeg();
        var claims = 0;

        Parallel.For(0, 64, _ =>
        {
            if (leg.TryClaimCancel())
            {
                Interlocked.Increment(ref claims);
            }
        });

        Assert.Equal(1, claims);
        Assert.True(leg.CancelSent);
    }

    [Fact]
    public void CancelSent_NewLeg_False()
    {
        Assert.False(NewLeg().CancelSent);
    }
}
