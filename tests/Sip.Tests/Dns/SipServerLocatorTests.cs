using System.Net;
using Microsoft.Extensions.Options;
using Switchboard.Sip.Dns;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Dns;

public sealed class SipServerLocatorTests
{
    private readonly ScriptedDnsLookup _dns = new();

    private SipServerLocator Locator(int maxTargets = 8) =>
        new(_dns, Options.Create(new SipDnsOptions { MaxTargets = maxTargets }), max => max);

    [Fact]
    public async Task Locate_NumericAddressWithoutPort_DefaultPortAndNoQuestions()
    {
        var targets = await Locator().LocateAsync("192.0.2.7", 0, SipTransportKind.Tls);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5061), Assert.Single(targets).EndPoint.Remote);
        Assert.Empty(_dns.Questions);
    }

    [Fact]
    public async Task Locate_BracketedIpv6WithPort_UsedAsIs()
    {
        var targets = await Locator().LocateAsync("[2001:db8::1]", 5070, SipTransportKind.Udp);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5070), Assert.Single(targets).EndPoint.Remote);
    }

    [Fact]
    public async Task Locate_ExplicitPort_AddressRecordsOnlyNoSrvQuestion()
    {
        _dns.Srv["_sip._udp.carrier.test"] = [new SipSrvRecord(10, 0, 5999, "elsewhere.test")];
        _dns.Addresses["carrier.test"] = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("2001:db8::1")];

        var targets = await Locator().LocateAsync("carrier.test", 5080, SipTransportKind.Udp);

        Assert.Equal(["UDP:192.0.2.1:5080", "UDP:[2001:db8::1]:5080"], targets.Select(t => t.EndPoint.ToString()));
        Assert.Equal(["A carrier.test"], _dns.Questions);
    }

    [Theory]
    [InlineData(SipTransportKind.Udp, "_sip._udp.carrier.test")]
    [InlineData(SipTransportKind.Tcp, "_sip._tcp.carrier.test")]
    [InlineData(SipTransportKind.Tls, "_sips._tcp.carrier.test")]
    public async Task Locate_NoPort_AsksTheTransportsSrvService(SipTransportKind transport, string service)
    {
        _dns.Srv[service] = [new SipSrvRecord(10, 0, 7000, "edge1.carrier.test")];
        _dns.Addresses["edge1.carrier.test"] = [IPAddress.Parse("192.0.2.10")];

        var target = Assert.Single(await Locator().LocateAsync("carrier.test", 0, transport));

        Assert.Equal(transport, target.EndPoint.Kind);
        Assert.Equal(7000, target.EndPoint.Remote.Port);
        Assert.Equal("edge1.carrier.test", target.HostName);
    }

    [Fact]
    public async Task Locate_SeveralSrvRecords_PriorityOrderThenEveryAddressOfEachTarget()
    {
        _dns.Srv["_sip._udp.carrier.test"] =
        [
            new SipSrvRecord(20, 0, 5062, "backup.carrier.test"),
            new SipSrvRecord(10, 0, 5060, "primary.carrier.test"),
        ];
        _dns.Addresses["primary.carrier.test"] = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2")];
        _dns.Addresses["backup.carrier.test"] = [IPAddress.Parse("192.0.2.3")];

        var targets = await Locator().LocateAsync("carrier.test", 0, SipTransportKind.Udp);

        Assert.Equal(["UDP:192.0.2.1:5060", "UDP:192.0.2.2:5060", "UDP:192.0.2.3:5062"], targets.Select(t => t.EndPoint.ToString()));
    }

    [Fact]
    public async Task Locate_NoSrvRecords_FallsBackToAddressRecordsOnDefaultPort()
    {
        _dns.Addresses["carrier.test"] = [IPAddress.Parse("192.0.2.1")];

        var udp = await Locator().LocateAsync("carrier.test", 0, SipTransportKind.Udp);
        var tls = await Locator().LocateAsync("carrier.test", 0, SipTransportKind.Tls);

        Assert.Equal("UDP:192.0.2.1:5060", Assert.Single(udp).EndPoint.ToString());
        Assert.Equal("TLS:192.0.2.1:5061", Assert.Single(tls).EndPoint.ToString());
    }

    [Fact]
    public async Task Locate_TlsThroughSrv_EveryTargetCheckedAgainstTheDomainNotTheSrvTarget()
    {
        // RFC 5922 §4: the SRV answer is not authenticated, so its target names no identity; the URI's domain does.
        _dns.Srv["_sips._tcp.carrier.test"] = [new SipSrvRecord(10, 0, 5061, "edge1.hosting.test"), new SipSrvRecord(20, 0, 5061, "edge2.hosting.test")];
        _dns.Addresses["edge1.hosting.test"] = [IPAddress.Parse("192.0.2.1")];
        _dns.Addresses["edge2.hosting.test"] = [IPAddress.Parse("192.0.2.2")];

        var targets = await Locator().LocateAsync("carrier.test.", 0, SipTransportKind.Tls);

        Assert.Equal(["carrier.test", "carrier.test"], targets.Select(t => t.EndPoint.ServerName));
        Assert.Equal(["edge1.hosting.test", "edge2.hosting.test"], targets.Select(t => t.HostName));
    }

    [Fact]
    public async Task Locate_TlsByName_ServerNameIsTheConfiguredHostAndNoneForAnAddress()
    {
        _dns.Addresses["carrier.test"] = [IPAddress.Parse("192.0.2.1")];

        var byName = await Locator().LocateAsync("carrier.test", 5061, SipTransportKind.Tls);
        var byAddress = await Locator().LocateAsync("192.0.2.7", 0, SipTransportKind.Tls);
        var overUdp = await Locator().LocateAsync("carrier.test", 5060, SipTransportKind.Udp);

        Assert.Equal("carrier.test", Assert.Single(byName).EndPoint.ServerName);
        Assert.Null(Assert.Single(byAddress).EndPoint.ServerName);
        Assert.Null(Assert.Single(overUdp).EndPoint.ServerName);
    }

    [Fact]
    public async Task Locate_SrvSaysNoService_NoTargetsAndNoFallback()
    {
        _dns.Srv["_sip._udp.carrier.test"] = [new SipSrvRecord(0, 0, 0, ".")];
        _dns.Addresses["carrier.test"] = [IPAddress.Parse("192.0.2.1")];

        Assert.Empty(await Locator().LocateAsync("carrier.test", 0, SipTransportKind.Udp));
    }

    [Fact]
    public async Task Locate_UnknownName_Empty()
    {
        Assert.Empty(await Locator().LocateAsync("nowhere.test", 0, SipTransportKind.Udp));
    }

    [Fact]
    public async Task Locate_ManyAddresses_CappedAtMaxTargets()
    {
        _dns.Srv["_sip._udp.carrier.test"] = [new SipSrvRecord(10, 0, 5060, "a.test"), new SipSrvRecord(20, 0, 5060, "b.test")];
        _dns.Addresses["a.test"] = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2")];
        _dns.Addresses["b.test"] = [IPAddress.Parse("192.0.2.3")];

        var targets = await Locator(maxTargets: 2).LocateAsync("carrier.test", 0, SipTransportKind.Udp);

        Assert.Equal(2, targets.Count);
        Assert.DoesNotContain("A b.test", _dns.Questions);
    }
}
