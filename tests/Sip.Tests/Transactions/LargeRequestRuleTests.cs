using System.Text;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transactions;

public sealed class LargeRequestRuleTests
{
    [Theory]
    [InlineData("Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n")]
    [InlineData("v: SIP/2.0/udp 127.0.0.1;branch=z9hG4bK1\r\n")]
    [InlineData("VIA  :  SIP / 2.0 / UDP 127.0.0.1;branch=z9hG4bK1\r\n")]
    public void FindTopViaTransport_UdpVia_PointsAtTheToken(string via)
    {
        var message = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nMax-Forwards: 70\r\n" + via + "Via: SIP/2.0/TCP x;branch=z9hG4bK0\r\n\r\n");

        var at = LargeRequestRule.FindTopViaTransport(message);

        Assert.True(at > 0);
        Assert.Equal("UDP", Encoding.ASCII.GetString(message, at, 3).ToUpperInvariant());
        LargeRequestRule.Rewrite(message, at, "TCP"u8);
        Assert.Contains("TCP 127.0.0.1", Encoding.ASCII.GetString(message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP x;branch=z9hG4bK0\r\n")]
    [InlineData("Via: SIP/2.0/UDPX 127.0.0.1;branch=z9hG4bK1\r\n")]
    [InlineData("Max-Forwards: 70\r\n")]
    public void FindTopViaTransport_TopViaNotUdp_NotFound(string headers) =>
        Assert.Equal(-1, LargeRequestRule.FindTopViaTransport(Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\n" + headers + "\r\nVia: SIP/2.0/UDP body")));

    [Theory]
    [InlineData(SipTransportKind.Udp, 1301, 1300, true)]
    [InlineData(SipTransportKind.Udp, 1300, 1300, false)]
    [InlineData(SipTransportKind.Tcp, 5000, 1300, false)]
    [InlineData(SipTransportKind.Udp, 5000, 0, false)]
    public void Applies_OnlyUdpOverTheLimit(SipTransportKind kind, int length, int limit, bool expected)
    {
        var destination = new SipEndPoint(kind, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5060));

        Assert.Equal(expected, LargeRequestRule.Applies(destination, length, limit));
    }
}
