using System.Text;
using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Serialization;

public class SipMessageEditorTests
{
    private readonly SipParser _parser = new();

    [Fact]
    public void RemoveTopVia_ListInOneLine_KeepsTheRest()
    {
        using var r = Parse("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1, SIP/2.0/UDP client.example.com;branch=z9hG4bK2
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>;tag=2
            Call-ID: c
            CSeq: 1 INVITE
            Content-Length: 0
            """);

        using var f = Reparse(r.Edit().RemoveTopVia().ToArray());

        Assert.Equal("client.example.com", Assert.Single(f.Vias).Host);
    }

    [Fact]
    public void SetTopViaSource_NoRPortRequested_OnlyReceivedAdded()
    {
        using var req = Parse("""
            OPTIONS sip:b@example.com SIP/2.0
            Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>
            Call-ID: c
            CSeq: 1 OPTIONS
            Content-Length: 0
            """);

        using var f = Reparse(req.Edit().SetTopViaSource("198.51.100.7", 40612).ToArray());

        Assert.Equal("198.51.100.7", f.TopVia!.Received);
        Assert.False(f.TopVia.HasRPort);
    }

    [Fact]
    public void NoEdits_UnknownHeadersAndOrder_CopiedByteForByte()
    {
        using var invite = _parser.ParseDatagram(MessageCorpus.Invite.AsMemory()).Message!;

        Assert.Equal(MessageCorpus.Invite, invite.Edit().ToArray());
    }

    [Fact]
    public void ReplaceAddRemove_ApplyWhereTheHeadersWere()
    {
        using var invite = _parser.ParseDatagram(MessageCorpus.Invite.AsMemory()).Message!;

        var text = Encoding.ASCII.GetString(invite.Edit()
            .Replace(KnownHeader.UserAgent, "Switchboard/1.0")
            .Remove(KnownHeader.Supported)
            .Add("X-Leg", "b")
            .SetRequestUri(SipUri.Parse("sip:+14155550123@gw2.example.net"))
            .ToArray());

        Assert.StartsWith("INVITE sip:+14155550123@gw2.example.net SIP/2.0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("User-Agent: Switchboard/1.0\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Supported:", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("X-Leg: b\r\n", StringComparison.Ordinal) > text.IndexOf("User-Agent:", StringComparison.Ordinal));
        Assert.Contains("Content-Type: application/sdp\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SetBody_DatagramWithoutContentLength_AddsIt()
    {
        using var req = Parse("""
            MESSAGE sip:b@example.com SIP/2.0
            Via: SIP/2.0/UDP h;branch=z9hG4bK1
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>
            Call-ID: c
            CSeq: 1 MESSAGE
            Content-Type: text/plain
            """, "hello");

        using var f = Reparse(req.Edit().SetBody("bonjour tout le monde"u8.ToArray()).ToArray(), stream: true);

        Assert.Equal(21, f.ContentLength);
        Assert.Equal("text/plain", f.ContentType);
    }

    private SipMessage Parse(string headers, string body = "") => _parser.ParseDatagram(MessageCorpus.Crlf(headers, body).AsMemory()).Message!;

    private SipMessage Reparse(byte[] bytes, bool stream = false)
    {
        var result = stream ? _parser.ParseStream(bytes.AsMemory()) : _parser.ParseDatagram(bytes.AsMemory());
        Assert.True(result.IsComplete, result.ToString());
        return result.Message!;
    }
}
