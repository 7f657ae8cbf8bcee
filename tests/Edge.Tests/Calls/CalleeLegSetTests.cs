using Switchboard.Edge.Calls;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;
using CalleeLeg = Switchboard.Edge.Calls.CalleeLeg;

namespace Switchboard.Edge.Tests.Calls;

public sealed class CalleeLegSetTests
{
    private static CalleeLeg Leg(string legCallId)
    {
        var address = new TransportAddress(SipTransport.Udp, "127.0.0.1", 5062);
        var target = new CallTarget(0, TargetKind.Binding, "sip:1002@127.0.0.1:5062", "1002", address, [], null, null, true);
        var dialog = new LegDialog(legCallId, LegRole.Callee, "tag-1", null, "sip:1001@e2e.test", "sip:1002@e2e.test", 1, 0,
            "sip:1002@127.0.0.1:5062", [], "edge-1", address, null, null);
        return new CalleeLeg(target, dialog);
    }

    [Fact]
    public void SetFindRemove_ForkedLegs_EachFoundByItsCallIdInStartOrder()
    {
        var legs = new CalleeLegSet();
        var a = Leg("leg-a");
        var b = Leg("leg-b");
        var c = Leg("leg-c");

        legs.Set(a);
        legs.Set(b);
        legs.Set(c);
        var replacement = Leg("leg-b");
        legs.Set(replacement);

        Assert.Equal([a, replacement, c], legs.Values);
        Assert.Same(c, legs.Find("leg-c"));
        Assert.Null(legs.Find("LEG-C")); // Call-IDs compare case-sensitively (RFC 3261 §20.8)
        Assert.True(legs.TryRemove("leg-a"));
        Assert.False(legs.TryRemove("leg-a"));
        Assert.Equal([replacement, c], legs.Values);
    }

    [Fact]
    public void Values_TakenBeforeAChange_StaysAsItWas()
    {
        // Hang-up paths walk the legs while a response may add or drop one: a walk sees one consistent set.
        var legs = new CalleeLegSet();
        legs.Set(Leg("leg-a"));
        var before = legs.Values;

        legs.Set(Leg("leg-b"));
        legs.TryRemove("leg-a");

        Assert.Equal(["leg-a"], before.Select(l => l.LegCallId));
        Assert.Equal(["leg-b"], legs.Values.Select(l => l.LegCallId));
    }

    [Fact]
    public void Set_ManyLegsAtOnce_NoneLost()
    {
        var legs = new CalleeLegSet();

        Parallel.For(0, 64, i => legs.Set(Leg("leg-" + i)));

        Assert.Equal(64, legs.Values.Count);
        Assert.All(Enumerable.Range(0, 64), i => Assert.NotNull(legs.Find("leg-" + i)));
    }
}
