namespace Switchboard.Sip.Sdp.Tests;

public class SdpOfferAnswerTests
{
    private static SdpSession Offer() => SdpSession.Parse(
        "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n" +
        "m=audio 4000 RTP/AVP 9 0 8 101\r\na=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=rtcp:4001\r\n" +
        "m=video 4002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nc=IN IP4 10.0.0.6\r\n");

    [Fact]
    public void RewriteConnection_Relay_AddressesPortsRtcpAndVersion()
    {
        var s = Offer();

        SdpOfferAnswer.RewriteConnection(s, "203.0.113.10", [30000, 30002]);

        Assert.Equal("203.0.113.10", s.Connection!.Address);
        Assert.Equal("203.0.113.10", s.Origin.Address);
        Assert.Equal("2", s.Origin.SessionVersion);
        Assert.Equal([30000, 30002], s.Media.Select(m => m.Port).ToArray());
        Assert.Null(s.Media[1].Connection);
        Assert.Equal("30001", s.Media[0].GetAttribute("rtcp"));
        Assert.Equal("IP6", SdpConnection.For("2001:db8::1").AddressType);
    }

    [Fact]
    public void SetHold_ThenResume_DirectionsPerRfc3264()
    {
        var s = Offer();
        s.Media[1].Direction = SdpDirection.RecvOnly;

        SdpOfferAnswer.SetHold(s, hold: true);

        Assert.Equal(SdpDirection.SendOnly, s.Media[0].Direction);
        Assert.Equal(SdpDirection.Inactive, s.Media[1].Direction);
        Assert.True(SdpOfferAnswer.IsOnHold(s));

        SdpOfferAnswer.SetHold(s, hold: false);

        Assert.All(s.Media, m => Assert.Equal(SdpDirection.SendRecv, m.Direction));
        Assert.False(SdpOfferAnswer.IsOnHold(s));
    }

    [Fact]
    public void IsOnHold_Rfc2543NullAddress_Recognised()
    {
        var s = SdpSession.Parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");

        Assert.True(SdpOfferAnswer.IsOnHold(s));
    }

    [Fact]
    public void CreateAnswer_IntersectsCodecsKeepsDtmfAndRejectsUnsupportedStreams()
    {
        var offer = Offer();
        offer.Media[0].Direction = SdpDirection.SendOnly;

        var answer = SdpOfferAnswer.CreateAnswer(offer, [SdpCodec.Pcma, SdpCodec.Pcmu, SdpCodec.TelephoneEvent], "203.0.113.10", [30000, 30002]);

        var audio = answer.Media[0];
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.Equal(30000, audio.Port);
        Assert.Equal("0-15", audio.GetFmtp(101));
        Assert.Equal("20", audio.GetAttribute("ptime"));
        Assert.Equal(SdpDirection.RecvOnly, audio.Direction);
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Equal(["96"], answer.Media[1].Formats);
        Assert.Equal("203.0.113.10", answer.Connection!.Address);
        Assert.True(SdpSession.TryParse(answer.ToArray(), out _, out _));
    }

    [Fact]
    public void CreateAnswer_OnlyTelephoneEventInCommon_StreamRejected()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Offer(), [SdpCodec.Opus, SdpCodec.TelephoneEvent], "203.0.113.10", [30000, 30002]);

        Assert.Equal(0, answer.Media[0].Port);
    }
}
