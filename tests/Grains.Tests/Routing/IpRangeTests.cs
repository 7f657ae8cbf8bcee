using System.Net;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tests.Routing;

public sealed class IpRangeTests
{
    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.77", true)]
    [InlineData("192.0.2.0/24", "192.0.3.1", false)]
    [InlineData("192.0.2.10", "192.0.2.10", true)]
    [InlineData("192.0.2.10", "192.0.2.11", false)]
    [InlineData("198.51.100.0/22", "198.51.103.255", true)]
    [InlineData("198.51.100.0/22", "198.51.104.0", false)]
    [InlineData("0.0.0.0/0", "203.0.113.5", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("192.0.2.0/24", "::ffff:192.0.2.9", true)]
    [InlineData("192.0.2.0/24", "2001:db8::1", false)]
    public void Contains_MatchesByPrefix(string range, string address, bool expected)
    {
        Assert.True(IpRange.TryParse(range, out var parsed));

        Assert.Equal(expected, parsed.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("carrier.example")]
    [InlineData("192.0.2.0/33")]
    [InlineData("192.0.2.0/-1")]
    [InlineData("2001:db8::/129")]
    [InlineData("192.0.2.0/")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(IpRange.TryParse(text, out _));
    }

    [Fact]
    public void Canonical_MasksHostBits()
    {
        Assert.True(IpRange.TryParse("192.0.2.77/24", out var parsed));

        Assert.Equal("192.0.2.0/24", parsed.Canonical);
    }
}
