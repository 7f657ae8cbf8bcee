using System.Text;
using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Serialization;

public class SipResponseBuilderTests
{
    private readonly SipParser _parser = new();

    private static readonly byte[] InviteWithTwoVias = MessageCorpus.Crlf("""
        INVITE sip:bob@biloxi.example.com SIP/2.0
        Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK2d4790.1;received=192.0.2.3
        Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
        Max-Forwards: 69
        Record-Route: <sip:proxy.example.com;lr>
        To: Bob <sip:bob@biloxi.example.com>
        From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
        Call-ID: a84b4c76e66710@pc33.atlanta.example.com
        CSeq: 314159 INVITE
        Contact: <sip:alice@pc33.atlanta.example.com>
        Content-Length: 0
        """);

    [Fact]
    public void For_Ringing_CopiesViasInOrderAndAddsToTag()
    {
        using var invite = (SipRequest)_parser.ParseDatagram(InviteWithTwoVias.AsMemory()).Message!;

        var bytes = SipResponseBuilder.For(invite, 180).WithToTag("a6c85cf").ToArray();

        using var r = (SipResponse)_parser.ParseDatagram(bytes.AsMemory()).Message!;
        Assert.Equal(180, r.StatusCode);
        Assert.Equal("Ringing", r.ReasonPhrase);
        Assert.Equal(["proxy.example.com", "pc33.atlanta.example.com"], r.Vias.Select(v => v.Host).ToArray());
        Assert.Equal("192.0.2.3", r.Vias[0].Received);
        Assert.Equal("a6c85cf", r.To.Tag);
        Assert.Equal("1928301774", r.From.Tag);
        Assert.Equal(invite.CallId, r.CallId);
        Assert.Equal(invite.CSeq, r.CSeq);
        Assert.Equal("proxy.example.com", Assert.Single(r.RecordRoutes).Uri.Host);
        Assert.Equal(0, r.ContentLength);
    }

    [Fact]
    public void For_ToAlreadyTagged_KeepsTheExistingTag()
    {
        var text = Encoding.ASCII.GetString(InviteWithTwoVias).Replace("To: Bob <sip:bob@biloxi.example.com>", "To: Bob <sip:bob@biloxi.example.com>;tag=existing", StringComparison.Ordinal);
        using var reinvite = (SipRequest)_parser.ParseDatagram(Encoding.ASCII.GetBytes(text).AsMemory()).Message!;

        using var r = (SipResponse)_parser.ParseDatagram(SipResponseBuilder.For(reinvite, 200).WithToTag("new").ToArray().AsMemory()).Message!;

        Assert.Equal("existing", r.To.Tag);
    }

    [Fact]
    public void For_FinalErrorResponse_NoRecordRouteAndCustomHeadersAndBody()
    {
        using var invite = (SipRequest)_parser.ParseDatagram(InviteWithTwoVias.AsMemory()).Message!;

        var builder = SipResponseBuilder.For(invite, 486).WithToTag("t").AddHeader("Retry-After", "30").WithBody("busy"u8.ToArray(), "text/plain");
        using var r = builder.Build();

        Assert.Equal("Busy Here", r.ReasonPhrase);
        Assert.Empty(r.RecordRoutes);
        Assert.Equal(30, r.RetryAfter);
        Assert.Equal("text/plain", r.ContentType);
        Assert.Equal("busy", Encoding.ASCII.GetString(r.Body.Span));
    }

    [Fact]
    public void For_StatusOutOfRange_Throws()
    {
        using var invite = (SipRequest)_parser.ParseDatagram(InviteWithTwoVias.AsMemory()).Message!;

        Assert.Throws<ArgumentOutOfRangeException>(() => SipResponseBuilder.For(invite, 99));
    }
}
