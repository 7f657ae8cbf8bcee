using System.Text;

namespace Switchboard.Sip.Sdp.Tests;

public class SdpSessionTests
{
    private const string Offer =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 198.51.100.23\r\n" +
        "s=-\r\n" +
        "i=A call\r\n" +
        "c=IN IP4 198.51.100.23\r\n" +
        "b=AS:128\r\n" +
        "t=0 0\r\n" +
        "a=tool:phone 1.0\r\n" +
        "m=audio 49170 RTP/SAVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n" +
        "a=sendonly\r\n" +
        "a=x-unknown:keep me\r\n" +
        "m=video 0 RTP/AVP 31\r\n";

    [Fact]
    public void TryParse_Offer_TypedLinesAndAttributes()
    {
        Assert.True(SdpSession.TryParse(Encoding.ASCII.GetBytes(Offer), out var s, out var error), error);

        Assert.Equal("alice", s.Origin.Username);
        Assert.Equal("198.51.100.23", s.Connection!.Address);
        Assert.Equal(2, s.Media.Count);
        var audio = s.Media[0];
        Assert.Equal(("audio", 49170, "RTP/SAVP"), (audio.Media, audio.Port, audio.Protocol));
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.Equal("telephone-event", audio.GetRtpMap(101)!.Encoding);
        Assert.Equal("0-16", audio.GetFmtp(101));
        Assert.Equal("PCMU", audio.GetRtpMap(0)!.Encoding);
        Assert.Equal(SdpDirection.SendOnly, audio.Direction);
        Assert.Equal("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32", audio.GetAttribute("crypto"));
        Assert.Equal(0, s.Media[1].Port);
    }

    [Fact]
    public void ToString_ParsedOffer_WritesTheSameText()
    {
        var s = SdpSession.Parse(Offer);

        Assert.Equal(Offer, s.ToString());
    }

    [Fact]
    public void TryParse_BareLfLineEnds_Accepted()
    {
        Assert.True(SdpSession.TryParse(Encoding.ASCII.GetBytes(Offer.Replace("\r\n", "\n", StringComparison.Ordinal)), out var s, out _));
        Assert.Equal(Offer, s.ToString());
    }

    [Theory]
    [InlineData("o=a 1 1 IN IP4 h\r\nv=0\r\ns=-\r\n")]
    [InlineData("v=1\r\no=a 1 1 IN IP4 h\r\ns=-\r\n")]
    [InlineData("v=0\r\no=a 1 IN IP4 h\r\ns=-\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\nm=audio x RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4\r\n")]
    [InlineData("v=0\r\ngarbage\r\n")]
    public void TryParse_Malformed_FalseWithReason(string text)
    {
        Assert.False(SdpSession.TryParse(Encoding.ASCII.GetBytes(text), out _, out var error));
        Assert.NotNull(error);
    }
}
