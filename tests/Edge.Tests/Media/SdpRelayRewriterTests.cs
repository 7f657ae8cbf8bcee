using System.Net;
using System.Text;
using Switchboard.Edge.Media;

namespace Switchboard.Edge.Tests.Media;

public sealed class SdpRelayRewriterTests
{
    private const string Offer =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        "m=video 51372 RTP/AVP 31\r\na=rtpmap:31 H261/90000\r\n";

    [Fact]
    public void Rewrite_Offer_PointsAudioAtRelayAndReturnsPartyAddress()
    {
        var party = SdpRelayRewriter.Rewrite(Encoding.ASCII.GetBytes(Offer), "198.51.100.7", 20002, out var rewritten);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 49170), party);
        var text = Encoding.ASCII.GetString(rewritten!);
        Assert.Contains("c=IN IP4 198.51.100.7", text, StringComparison.Ordinal);
        Assert.Contains("m=audio 20002 RTP/AVP 0 8", text, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.10", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_SecondStream_RefusedWithPortZero()
    {
        SdpRelayRewriter.Rewrite(Encoding.ASCII.GetBytes(Offer), "198.51.100.7", 20002, out var rewritten);

        Assert.Contains("m=video 0 RTP/AVP 31", Encoding.ASCII.GetString(rewritten!), StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_MediaLevelConnection_WinsOverSessionLevel()
    {
        var offer = Offer.Replace("m=audio 49170 RTP/AVP 0 8\r\n", "m=audio 49170 RTP/AVP 0 8\r\nc=IN IP4 203.0.113.5\r\n", StringComparison.Ordinal);

        var party = SdpRelayRewriter.Rewrite(Encoding.ASCII.GetBytes(offer), "198.51.100.7", 20002, out var rewritten);

        Assert.Equal(IPAddress.Parse("203.0.113.5"), party!.Address);
        Assert.DoesNotContain("203.0.113.5", Encoding.ASCII.GetString(rewritten!), StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_NotSdp_LeavesBodyAlone()
    {
        var party = SdpRelayRewriter.Rewrite("Signal=5\r\nDuration=160\r\n"u8, "198.51.100.7", 20002, out var rewritten);

        Assert.Null(party);
        Assert.Null(rewritten);
    }
}
