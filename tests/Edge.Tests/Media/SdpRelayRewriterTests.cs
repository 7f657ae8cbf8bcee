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

    // RFC 4568 §9.1's example keys; the second line is the offerer's fallback suite, with lifetime and MKI.
    private const string Crypto80 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32";
    private const string Crypto32 = "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32";

    private const string SrtpOffer =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/SAVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        Crypto80 + "\r\n" + Crypto32 + "\r\na=sendrecv\r\n";

    [Fact]
    public void Rewrite_SdesOffer_KeepsSavpProfileAndEveryCryptoLineByteForByte()
    {
        var party = SdpRelayRewriter.Rewrite(Encoding.ASCII.GetBytes(SrtpOffer), "198.51.100.7", 20002, out var rewritten);

        // The relay passes SRTP through (RFC 3711 leaves the RTP header in clear, so latching still works): the
        // other leg must see the same profile and keys, so the phones' SRTP contexts match end to end.
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 49170), party);
        var text = Encoding.ASCII.GetString(rewritten!);
        Assert.Contains("m=audio 20002 RTP/SAVP 0 8\r\n", text, StringComparison.Ordinal);
        Assert.Equal([Crypto80, Crypto32], CryptoLines(text));
        Assert.DoesNotContain("192.0.2.10", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_SavpfOfferWithRtcpAddress_KeepsProfileAndKeysAndHidesTheAddress()
    {
        var offer = SrtpOffer
            .Replace("RTP/SAVP", "RTP/SAVPF", StringComparison.Ordinal)
            .Replace("a=sendrecv\r\n", "a=rtcp:49171 IN IP4 192.0.2.10\r\na=rtcp-fb:* nack\r\na=sendrecv\r\n", StringComparison.Ordinal);

        SdpRelayRewriter.Rewrite(Encoding.ASCII.GetBytes(offer), "198.51.100.7", 20002, out var rewritten);

        // SRTCP goes to the relay's RTCP port like plain RTCP (RFC 3605); the a=rtcp address would have leaked.
        var text = Encoding.ASCII.GetString(rewritten!);
        Assert.Contains("m=audio 20002 RTP/SAVPF 0 8\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtcp:20003\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtcp-fb:* nack\r\n", text, StringComparison.Ordinal);
        Assert.Equal([Crypto80, Crypto32], CryptoLines(text));
        Assert.DoesNotContain("192.0.2.10", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_SdesAnswer_KeepsTheChosenSuite()
    {
        var answer = SrtpOffer.Replace(Crypto32 + "\r\n", string.Empty, StringComparison.Ordinal).Replace(" 0 8\r\n", " 0\r\n", StringComparison.Ordinal);

        SdpRelayRewriter.Rewrite(Encoding.ASCII.GetBytes(answer), "198.51.100.7", 30000, out var rewritten);

        var text = Encoding.ASCII.GetString(rewritten!);
        Assert.Contains("m=audio 30000 RTP/SAVP 0\r\n", text, StringComparison.Ordinal);
        Assert.Equal([Crypto80], CryptoLines(text));
    }

    [Fact]
    public void Rewrite_NotSdp_LeavesBodyAlone()
    {
        var party = SdpRelayRewriter.Rewrite("Signal=5\r\nDuration=160\r\n"u8, "198.51.100.7", 20002, out var rewritten);

        Assert.Null(party);
        Assert.Null(rewritten);
    }

    private static string[] CryptoLines(string sdp) =>
        [.. sdp.Split("\r\n").Where(l => l.StartsWith("a=crypto:", StringComparison.Ordinal))];
}
