using Microsoft.Extensions.Options;
using Switchboard.Sip.Dns;
using Switchboard.Sip.Transports;
using Switchboard.TestKit.Dns;

namespace Switchboard.Sip.Tests.Dns;

/// <summary>The locator against a real DNS server (dnsmasq on 127.0.0.1), through the DnsClient library.</summary>
public sealed class SipServerLocatorDnsmasqTests : IAsyncLifetime
{
    private DnsmasqServer _dns = null!;

    public async Task InitializeAsync()
    {
        _dns = await DnsmasqServer.StartAsync(
            DnsmasqServer.Srv("_sip._udp.carrier.test", "backup.carrier.test", 5062, 20, 0),
            DnsmasqServer.Srv("_sip._udp.carrier.test", "primary.carrier.test", 5070, 10, 0),
            DnsmasqServer.Srv("_sips._tcp.carrier.test", "tls.carrier.test", 5071, 10, 0),
            DnsmasqServer.Host("primary.carrier.test", "127.0.0.11"),
            DnsmasqServer.Host("backup.carrier.test", "127.0.0.12"),
            DnsmasqServer.Host("tls.carrier.test", "127.0.0.13"),
            DnsmasqServer.Host("carrier.test", "127.0.0.10"),
            DnsmasqServer.Host("plain.test", "127.0.0.20", "::1"));
    }

    public async Task DisposeAsync() => await _dns.DisposeAsync();

    private SipServerLocator Locator()
    {
        // A generous timeout: on a loaded 2-core CI host one answer from dnsmasq once took over the 1 s this had, and the
        // fallback lookup came back empty. What is tested is which records are used, not how fast.
        var options = Options.Create(new SipDnsOptions { NameServers = [_dns.NameServer], Timeout = TimeSpan.FromSeconds(5) });
        return new SipServerLocator(new DnsClientLookup(options), options, SrvOrdering.DrawFrom(new Random(7)));
    }

    [Fact]
    public async Task Locate_UdpSrv_PriorityOrderWithPortsFromTheRecords()
    {
        var targets = await Locator().LocateAsync("carrier.test", 0, SipTransportKind.Udp);

        Assert.Equal(["UDP:127.0.0.11:5070", "UDP:127.0.0.12:5062"], targets.Select(t => t.EndPoint.ToString()));
        Assert.Equal("primary.carrier.test", targets[0].HostName);
    }

    [Fact]
    public async Task Locate_Tls_UsesTheSipsService()
    {
        var target = Assert.Single(await Locator().LocateAsync("carrier.test", 0, SipTransportKind.Tls));

        Assert.Equal("TLS:127.0.0.13:5071", target.EndPoint.ToString());
    }

    [Fact]
    public async Task Locate_TcpWithoutSrv_FallsBackToAddressRecordOnDefaultPort()
    {
        var target = Assert.Single(await Locator().LocateAsync("carrier.test", 0, SipTransportKind.Tcp));

        Assert.Equal("TCP:127.0.0.10:5060", target.EndPoint.ToString());
    }

    [Fact]
    public async Task Locate_ExplicitPort_IgnoresSrv()
    {
        var target = Assert.Single(await Locator().LocateAsync("carrier.test", 5090, SipTransportKind.Udp));

        Assert.Equal("UDP:127.0.0.10:5090", target.EndPoint.ToString());
    }

    [Fact]
    public async Task Locate_NameWithAAndAaaa_IPv4First()
    {
        var targets = await Locator().LocateAsync("plain.test", 5060, SipTransportKind.Udp);

        Assert.Equal(["UDP:127.0.0.20:5060", "UDP:[::1]:5060"], targets.Select(t => t.EndPoint.ToString()));
    }

    [Fact]
    public async Task Locate_UnknownName_Empty()
    {
        Assert.Empty(await Locator().LocateAsync("nowhere.test", 0, SipTransportKind.Udp));
    }
}
