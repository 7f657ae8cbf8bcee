using System.Net;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

public class SipAddressesTests
{
    [Fact]
    public void Normalize_Ipv4MappedIpv6_UnmappedForRportAndConnectionKeys()
    {
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:198.51.100.7"), 40612);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 40612), SipAddresses.Normalize(mapped));
    }

    [Fact]
    public void Normalize_PlainIpv6_Unchanged()
    {
        var v6 = new IPEndPoint(IPAddress.Parse("2001:db8::7"), 5060);
        Assert.Same(v6, SipAddresses.Normalize(v6));
    }

    [Theory]
    [InlineData("127.0.0.1", false, "192.0.2.1", true)]
    [InlineData("127.0.0.1", false, "2001:db8::1", false)]
    [InlineData("::", true, "192.0.2.1", true)]
    [InlineData("::", true, "2001:db8::1", true)]
    [InlineData("::1", false, "192.0.2.1", false)]
    public void CanReach_AddressFamilies_DualModeReachesBoth(string local, bool dualMode, string remote, bool expected)
    {
        Assert.Equal(expected, SipAddresses.CanReach(new IPEndPoint(IPAddress.Parse(local), 5060), dualMode, new IPEndPoint(IPAddress.Parse(remote), 5060)));
    }
}
