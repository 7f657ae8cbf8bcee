using System.Buffers;
using System.Text;
using Switchboard.Sip.Sdp;
using Switchboard.Sip.Tests.Corpus;
using Switchboard.Sip.Tests.Parsing;

namespace Switchboard.Sip.Tests;

/// <summary>The code of src/Sip/README.md, compiled and run so the documentation cannot rot.</summary>
public class ReadmeExamplesTests
{
    private readonly SipParser _parser = new(new SipParserLimits { MaxMessageSize = 16_384 });

    [Fact]
    public void Readme_ParsingSection_ReadsTheInvite()
    {
        SipParseResult result = _parser.ParseDatagram(MessageCorpus.Invite.AsMemory());
        Assert.Equal(SipParseStatus.Complete, result.Status);
        using var message = result.Message!;
        var request = Assert.IsType<SipRequest>(message);
        Assert.True(request.Method == SipMethod.Invite);
        Assert.Equal("6a4c1e88b2f34d0f9e71c3a5d2b80f14@198.51.100.23", request.CallId);
        Assert.Equal("z9hG4bK4f3c2a91e7b04d6e", request.TopVia!.Branch);
        Assert.Equal("8d1f7a2c-4b5e", request.From.Tag);
    }

    [Fact]
    public void Readme_RejectionSection_Builds400WithReason()
    {
        var bad = MessageCorpus.Crlf("""
            OPTIONS sip:bob@example.com SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa1
            From: <sip:alice@example.com>;tag=abc
            To: <sip:bob@example.com>
            Call-ID: c1@192.0.2.1
            CSeq: 7 INVITE
            Content-Length: 0
            """);
        var result = _parser.ParseDatagram(bad.AsMemory());
        Assert.True(result.Error.CanRespond);
        using var rejected = (SipRequest)result.Message!;
        byte[] answer = SipResponseBuilder.ForRejection(rejected, result.Error).WithToTag(SipIdGenerator.NewTag()).ToArray();

        using var response = (SipResponse)_parser.ParseDatagram(answer.AsMemory()).Message!;
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("CSeq method does not match", response.ReasonPhrase);
        Assert.NotNull(response.To.Tag);
    }

    [Fact]
    public void Readme_StreamSection_AdvancesByConsumed()
    {
        var bytes = MessageCorpus.Register.Concat(MessageCorpus.Invite).ToArray();
        var buffer = Segments.Split(bytes, 100);
        var r = _parser.ParseStream(buffer);
        Assert.Equal(SipParseStatus.Complete, r.Status);
        buffer = buffer.Slice(buffer.GetPosition(r.Consumed));
        r.Message!.Dispose();
        var next = _parser.ParseStream(buffer);
        using var invite = (SipRequest)next.Message!;
        Assert.Equal(SipMethod.Invite, invite.Method);
    }

    [Fact]
    public void Readme_ReadingHeadersSection_EnumeratesSpans()
    {
        using var message = _parser.ParseDatagram(MessageCorpus.OkWithSdp.AsMemory()).Message!;
        Assert.True(message.TryGetHeader(KnownHeader.CallId, out ReadOnlySpan<byte> callId));
        Assert.Equal("6a4c1e88b2f34d0f9e71c3a5d2b80f14@198.51.100.23", Encoding.ASCII.GetString(callId));
        int routes = 0;
        foreach (ReadOnlySpan<byte> rr in message.EnumerateValues(KnownHeader.RecordRoute))
        {
            Assert.Equal((byte)'<', rr[0]);
            routes++;
        }

        Assert.Equal(2, routes);
        Assert.StartsWith("SIP/2.0/UDP", Encoding.ASCII.GetString(message.TopViaSpan));
        ReadOnlySpan<byte> top = message.TopViaSpan;
        Assert.True(ViaHeader.TryGetParameter(top, "received"u8, out ReadOnlySpan<byte> received));
        Assert.Equal("198.51.100.23", Encoding.ASCII.GetString(received));
        Assert.Equal("z9hG4bK4f3c2a91e7b04d6e", Encoding.ASCII.GetString(message.TopViaBranchSpan));
        Assert.Null(message.Validate());
    }

    [Fact]
    public void Readme_AnswerAndRequestSections_ProduceParsableMessages()
    {
        using var request = (SipRequest)_parser.ParseDatagram(MessageCorpus.Invite.AsMemory()).Message!;
        string localTag = SipIdGenerator.NewTag();
        byte[] sdpBytes = Encoding.ASCII.GetBytes("v=0\r\no=- 1 1 IN IP4 203.0.113.10\r\ns=-\r\nc=IN IP4 203.0.113.10\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n");
        var bufferWriter = new ArrayBufferWriter<byte>();

        byte[] ringing = SipResponseBuilder.For(request, 180).WithToTag(localTag).ToArray();
        var ok = SipResponseBuilder.For(request, 200)
            .WithToTag(localTag)
            .AddContact(ContactHeader.For(NameAddress.Parse("<sip:edge@203.0.113.10:5060>")))
            .AddHeader(KnownHeader.Server, "Switchboard")
            .WithBody(sdpBytes, "application/sdp");
        ok.WriteTo(bufferWriter);
        var sendBuffer = new byte[2048];
        bool fits = ok.TryWriteTo(sendBuffer, out int written);
        Assert.True(fits);
        Assert.Equal(bufferWriter.WrittenSpan.ToArray(), sendBuffer[..written]);

        using var ringingParsed = (SipResponse)_parser.ParseDatagram(ringing.AsMemory()).Message!;
        Assert.Equal(localTag, ringingParsed.To.Tag);
        using var okParsed = (SipResponse)_parser.ParseDatagram(bufferWriter.WrittenMemory).Message!;
        Assert.Equal(sdpBytes.Length, okParsed.ContentLength);
        Assert.Equal("Switchboard", okParsed.Server);

        var invite = new SipRequestBuilder(SipMethod.Invite, SipUri.Parse("sip:+14155550123@carrier.example.net"))
            .AddVia("UDP", "203.0.113.10", 5060)
            .WithFrom(new NameAddress(SipUri.Parse("sip:2001@switchboard.example")) { Tag = SipIdGenerator.NewTag() })
            .WithTo(NameAddress.Parse("<sip:+14155550123@carrier.example.net>"))
            .WithCallId(SipIdGenerator.NewCallId())
            .WithCSeq(1)
            .AddContact(ContactHeader.For(NameAddress.Parse("<sip:b2bua@203.0.113.10:5060>")))
            .AddRoute(NameAddress.Parse("<sip:sbc.carrier.example.net;lr>"))
            .AddHeader("X-Account", "acme")
            .WithBody(sdpBytes, "application/sdp");
        using SipRequest parsed = invite.Build();
        Assert.StartsWith("z9hG4bK", parsed.TopVia!.Branch);
        Assert.True(parsed.Routes[0].Uri.LooseRouting);
        Assert.Equal("acme", parsed.GetHeaderString("X-Account"));
    }

    [Fact]
    public void Readme_ForwardingSection_AppliesEdits()
    {
        var text = Encoding.ASCII.GetString(MessageCorpus.Invite).Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRoute: <sip:203.0.113.10;lr>, <sip:core.example;lr>\r\nX-Internal: secret\r\n", StringComparison.Ordinal);
        using var request = (SipRequest)_parser.ParseDatagram(Encoding.ASCII.GetBytes(text).AsMemory()).Message!;
        byte[] newSdp = Encoding.ASCII.GetBytes("v=0\r\n");

        byte[] forwarded = request.Edit()
            .SetTopViaSource(received: "198.51.100.23", rport: 40612)
            .PrependVia(new ViaHeader("UDP", "203.0.113.10", 5060, SipIdGenerator.NewBranch()))
            .SetMaxForwards(request.MaxForwards!.Value - 1)
            .RemoveTopRoute()
            .SetContact(ContactHeader.For(NameAddress.Parse("<sip:b2bua@203.0.113.10>")))
            .Remove("X-Internal")
            .SetBody(newSdp, "application/sdp")
            .ToArray();

        using var f = (SipRequest)_parser.ParseDatagram(forwarded.AsMemory()).Message!;
        Assert.Equal(2, f.Vias.Count);
        Assert.Equal("203.0.113.10", f.Vias[0].Host);
        Assert.Equal(40612, f.Vias[1].RPort);
        Assert.Equal("198.51.100.23", f.Vias[1].Received);
        Assert.Equal(69, f.MaxForwards);
        Assert.Equal("core.example", Assert.Single(f.Routes).Uri.Host);
        Assert.Equal("b2bua", Assert.Single(f.Contacts).Uri!.User);
        Assert.False(f.Contains("X-Internal"));
        Assert.Equal(5, f.ContentLength);
        Assert.Equal("v=0\r\n", Encoding.ASCII.GetString(f.Body.Span));
    }

    [Fact]
    public void Readme_SdpSection_RewritesHoldsAndAnswers()
    {
        using var message = _parser.ParseDatagram(MessageCorpus.Invite.AsMemory()).Message!;
        Assert.True(SdpSession.TryParse(message.Body.Span, out SdpSession offer, out string? error), error);
        SdpMedia audio = offer.Media[0];
        SdpRtpMap? dtmf = audio.RtpMaps.FirstOrDefault(m => m.Encoding == "telephone-event");
        Assert.Equal(101, dtmf!.PayloadType);

        SdpOfferAnswer.RewriteConnection(offer, "203.0.113.10", [40000]);
        Assert.Equal(40000, offer.Media[0].Port);
        Assert.Equal("203.0.113.10", offer.Connection!.Address);
        SdpOfferAnswer.SetHold(offer, hold: true);
        Assert.True(SdpOfferAnswer.IsOnHold(offer));

        SdpSession answer = SdpOfferAnswer.CreateAnswer(offer, [SdpCodec.Pcma, SdpCodec.Pcmu, SdpCodec.TelephoneEvent], "203.0.113.10", [40002]);
        Assert.Equal(["0", "8", "101"], answer.Media[0].Formats);
        Assert.Equal(SdpDirection.RecvOnly, answer.Media[0].Direction);
        Assert.StartsWith("v=0\r\n", Encoding.ASCII.GetString(answer.ToArray()));
    }
}
