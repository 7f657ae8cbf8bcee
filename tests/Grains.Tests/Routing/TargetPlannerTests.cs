using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Tests.Routing;

public sealed class TargetPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForTrunks_OrdersByPriority_SkipsDisabled_RewritesPerTrunk()
    {
        Trunk[] trunks =
        [
            Trunk("backup", 20, rewrites: [new("49", "0049")]),
            Trunk("off", 1, enabled: false),
            Trunk("primary", 10, rewrites: [new("", "+")], transport: SipTransport.Tls, signallingOnly: true),
        ];

        var targets = TargetPlanner.ForTrunks(trunks, "4930123");

        Assert.Equal(["primary", "backup"], targets.Select(t => t.TrunkId));
        Assert.Equal([0, 1], targets.Select(t => t.Index));
        Assert.Equal("+4930123", targets[0].CalleeNumber);
        Assert.Equal("sip:+4930123@primary.carrier.example:5061;transport=tls;user=phone", targets[0].RequestUri);
        Assert.False(targets[0].RelayMedia);
        Assert.Equal("004930123", targets[1].CalleeNumber);
        Assert.Equal(new TransportAddress(SipTransport.Udp, "backup.carrier.example", 5060), targets[1].Destination);
        Assert.True(targets[1].RelayMedia);
        Assert.All(targets, t => Assert.Equal(TargetKind.Trunk, t.Kind));
    }

    [Fact]
    public void ForTrunks_PortZero_RequestUriWithoutPortAndDestinationLeftToSrv()
    {
        var trunk = Trunk("srv", 10, transport: SipTransport.Tcp) with { Port = 0 };

        var target = Assert.Single(TargetPlanner.ForTrunks([trunk], "4930123"));

        // RFC 3263 §4.2: no port, so the edge asks DNS for _sip._tcp.srv.carrier.example.
        Assert.Equal("sip:4930123@srv.carrier.example;transport=tcp;user=phone", target.RequestUri);
        Assert.Equal(new TransportAddress(SipTransport.Tcp, "srv.carrier.example", 0), target.Destination);
    }

    [Fact]
    public void ForBindings_HighestQFirst_ThenNewest_KeepsFlowAndPath()
    {
        Binding[] bindings =
        [
            Binding("sip:1002@10.0.0.1:5060", q: 0.5m, registeredAt: Now, edge: "edge-a"),
            Binding("sip:1002@10.0.0.2:5060", q: null, registeredAt: Now.AddMinutes(-5), edge: "edge-b"),
            Binding("sip:1002@10.0.0.3:5060", q: 1.0m, registeredAt: Now, edge: "edge-c"),
        ];

        var targets = TargetPlanner.ForBindings(bindings, "1002");

        Assert.Equal(["sip:1002@10.0.0.3:5060", "sip:1002@10.0.0.2:5060", "sip:1002@10.0.0.1:5060"], targets.Select(t => t.RequestUri));
        Assert.Equal(["edge-c", "edge-b", "edge-a"], targets.Select(t => t.FlowEdgeId));
        Assert.Equal(["<sip:edge-c.example;lr>"], targets[0].Path);
        Assert.Equal(new TransportAddress(SipTransport.Udp, "203.0.113.3", 40000), targets[0].Destination);
    }

    private static Trunk Trunk(
        string id, int priority, NumberRewriteRule[]? rewrites = null, bool enabled = true,
        SipTransport transport = SipTransport.Udp, bool signallingOnly = false) =>
        new(id, $"{id}.carrier.example", transport == SipTransport.Tls ? 5061 : 5060, transport, null,
            rewrites ?? [], priority, signallingOnly, null, [], enabled);

    private static Binding Binding(string contact, decimal? q, DateTimeOffset registeredAt, string edge)
    {
        var host = contact.Split('@')[1].Split(':')[0];
        var last = host.Split('.')[^1];
        return new Binding(
            contact, Now.AddHours(1), q, "reg-" + last, 1, [$"<sip:{edge}.example;lr>"],
            new TransportAddress(SipTransport.Udp, "203.0.113." + last, 40000), edge, null, null, "phone", registeredAt);
    }
}
