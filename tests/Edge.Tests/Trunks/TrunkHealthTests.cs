using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Trunks;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Tests.Trunks;

public sealed class TrunkHealthTests
{
    private static readonly SipEndPoint First = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5071));
    private static readonly SipEndPoint Second = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5072));
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Usable_NoneDown_SameListBack()
    {
        var health = Health();
        IReadOnlyList<SipEndPoint> servers = [First, Second];
        health.Learn("carrier-a", servers);

        Assert.Same(servers, health.Usable(servers));
    }

    [Fact]
    public void Usable_OneDown_LeftOutOrderKept_BackWhenItAnswers()
    {
        var health = Health();
        health.Learn("carrier-a", [First, Second]);
        var first = health.ServersToPing().Single(s => s.EndPoint == First);

        Assert.False(first.Record(answered: true, heard: true));
        Assert.True(first.Record(answered: false, heard: false));
        Assert.Equal([Second], health.Usable([First, Second]));
        Assert.False(first.Record(answered: false, heard: false));
        Assert.True(first.Record(answered: true, heard: true));
        Assert.Equal([First, Second], health.Usable([First, Second]));
    }

    [Fact]
    public void Record_ServerThatNeverAnsweredAPing_IsNotMarkedDown_But503Is()
    {
        var health = Health();
        health.Learn("carrier-a", [First, Second]);
        var first = health.ServersToPing().Single(s => s.EndPoint == First);
        var second = health.ServersToPing().Single(s => s.EndPoint == Second);

        // A carrier that drops OPTIONS: silence from the start says nothing about its calls.
        Assert.False(first.Record(answered: false, heard: false));
        Assert.False(first.IsDown);

        // 503 is the server saying it is unavailable.
        Assert.True(second.Record(answered: false, heard: true));
        Assert.Equal([First], health.Usable([First, Second]));
    }

    [Fact]
    public void ServersToPing_UnusedForAnHour_Forgotten()
    {
        var health = Health();
        health.Learn("carrier-a", [First]);
        _time.Advance(TimeSpan.FromMinutes(30));
        health.Learn("carrier-b", [Second]);
        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal([Second], health.ServersToPing().Select(s => s.EndPoint));
    }

    [Fact]
    public void Learn_PingingOff_NothingKnownNothingDown()
    {
        var health = Health(pingSeconds: 0);
        health.Learn("carrier-a", [First]);

        Assert.Empty(health.ServersToPing());
        Assert.False(health.IsDown(First));
    }

    [Fact]
    public void Learn_TableFull_NewServersNotTracked()
    {
        var health = Health();
        for (var port = 0; port < TrunkHealth.MaxServers + 10; port++)
        {
            health.Learn("carrier-a", [new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 20000 + port))]);
        }

        Assert.Equal(TrunkHealth.MaxServers, health.ServersToPing().Count);
    }

    private TrunkHealth Health(int pingSeconds = 10) => new(Options.Create(new SipOptions { TrunkPingSeconds = pingSeconds }), _time);
}
