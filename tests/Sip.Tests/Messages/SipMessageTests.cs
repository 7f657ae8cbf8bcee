using System.Text;
using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Messages;

public class SipMessageTests
{
    private readonly SipParser _parser = new();

    [Fact]
    public void EnumerateValues_ListHeaderOverSeveralLines_EveryElementInOrder()
    {
        using var m = _parser.ParseDatagram(MessageCorpus.Invite.AsMemory()).Message!;

        var allow = new List<string>();
        foreach (var v in m.EnumerateValues(KnownHeader.Allow))
        {
            allow.Add(Encoding.ASCII.GetString(v));
        }

        Assert.Equal(["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "NOTIFY", "PRACK", "UPDATE", "REFER"], allow);
        Assert.Equal(["100rel", "replaces", "timer", "norefersub"], m.Supported);
        Assert.Equal(m.Allow, m.GetHeaderValues("allow"));
    }

    [Fact]
    public void GetHeaderValues_UnknownHeaderRepeated_OneValuePerLineUnsplit()
    {
        var bytes = MessageCorpus.Crlf("""
            OPTIONS sip:b@example.com SIP/2.0
            Via: SIP/2.0/UDP h;branch=z9hG4bK1
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>
            Call-ID: c1
            CSeq: 1 OPTIONS
            X-Trace: a, b
            x-trace: c
            Content-Length: 0
            """);

        using var m = _parser.ParseDatagram(bytes.AsMemory()).Message!;

        Assert.Equal(["a, b", "c"], m.GetHeaderValues("X-TRACE"));
        Assert.True(m.Contains("x-Trace"));
        Assert.False(m.Contains(KnownHeader.Expires));
        Assert.Null(m.Expires);
    }

    [Fact]
    public void Accessors_RegisterCorpus_ExpiresAuthorizationAndIPv6Via()
    {
        using var m = _parser.ParseDatagram(MessageCorpus.Register.AsMemory()).Message!;

        Assert.Equal(3600, m.Expires);
        Assert.StartsWith("Digest username=\"2002\",realm=\"pbx.example.com\"", Assert.Single(m.Authorization), StringComparison.Ordinal);
        Assert.Equal("[2001:db8::23]", m.TopVia!.Host);
        Assert.Equal("TCP", m.TopVia.Transport);
        Assert.Equal("Zoiper rv2.10.20.3", m.UserAgent);
        Assert.Equal("<urn:uuid:5b7e3f2a-1c4d-4e8f-9a0b-6c2d1e3f4a5b>", Assert.Single(m.Contacts).Instance);
    }

    [Fact]
    public void RetryAfterAndMinExpires_ParsedAsSeconds()
    {
        var bytes = MessageCorpus.Crlf("""
            SIP/2.0 423 Interval Too Brief
            Via: SIP/2.0/UDP h;branch=z9hG4bK1
            From: <sip:a@example.com>;tag=1
            To: <sip:a@example.com>;tag=2
            Call-ID: c1
            CSeq: 1 REGISTER
            Min-Expires: 120
            Retry-After: 18000 (under maintenance);duration=3600
            Content-Length: 0
            """);

        using var m = _parser.ParseDatagram(bytes.AsMemory()).Message!;

        Assert.Equal(120, m.MinExpires);
        Assert.Equal(18000, m.RetryAfter);
    }

    [Fact]
    public void TryCopyTo_ExactBytes_AndDisposeReleasesIndex()
    {
        var m = _parser.ParseDatagram(MessageCorpus.Invite.AsSpan()).Message!;
        var copy = new byte[m.Bytes.Length];

        Assert.True(m.TryCopyTo(copy, out int written));
        Assert.Equal(MessageCorpus.Invite, copy[..written]);
        Assert.False(m.TryCopyTo(new byte[10], out _));

        m.Dispose();
        Assert.Throws<ObjectDisposedException>(() => m.GetHeader(0));
    }
}
