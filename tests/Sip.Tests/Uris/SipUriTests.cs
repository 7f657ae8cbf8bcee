using System.Text;

namespace Switchboard.Sip.Tests.Uris;

public class SipUriTests
{
    [Fact]
    public void Parse_FullSipUri_ReadsEveryPart()
    {
        var uri = SipUri.Parse("sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent");

        Assert.Equal(SipUriScheme.Sips, uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("atlanta.example.com", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.LooseRouting);
        Assert.Equal("project%20x", uri.Headers["subject"]);
        Assert.Equal("urgent", uri.Headers["priority"]);
    }

    [Theory]
    [InlineData("sip:[2001:db8::10]:5070", "[2001:db8::10]", 5070)]
    [InlineData("sip:bob@[::1]", "[::1]", null)]
    [InlineData("sip:192.0.2.4", "192.0.2.4", null)]
    public void Parse_HostForms_IPv6ReferenceKeptBracketed(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);

        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal(host.StartsWith('['), uri.IsIPv6Reference);
    }

    [Fact]
    public void Parse_TelUri_NumberInUserAndParameters()
    {
        var uri = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");

        Assert.Equal(SipUriScheme.Tel, uri.Scheme);
        Assert.Equal("+1-201-555-0123", uri.User);
        Assert.Equal("example.com", uri.Parameters["phone-context"]);
        Assert.Equal("tel:+1-201-555-0123;phone-context=example.com", uri.ToString());
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:alice@")]
    [InlineData("sip:alice@example.com:99999")]
    [InlineData("sip:alice@exa mple.com")]
    [InlineData("sip:alice@example.com;")]
    [InlineData("sip:al%4@example.com")]
    [InlineData("sip:[zz::1]")]
    [InlineData("1sip:alice@example.com")]
    [InlineData("example.com")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
        Assert.False(SipUri.IsValid(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("sip:alice@example.com")]
    [InlineData("sip:alice@example.com:5060;transport=udp;lr")]
    [InlineData("sips:bob@[2001:db8::1]:5061;maddr=239.255.255.1?to=sip:x%40y")]
    [InlineData("http://www.example.com/a?b")]
    public void ToString_ParsedUri_WritesItBack(string text)
    {
        Assert.Equal(text, SipUri.Parse(text).ToString());
    }

    [Fact]
    public void Constructor_BuiltUri_FormatsWithDefaults()
    {
        var uri = new SipUri("gw.example.net", "+14155550123", 5080) { Transport = "tcp" };

        Assert.Equal("sip:+14155550123@gw.example.net:5080;transport=tcp", uri.ToString());
        Assert.Equal(5080, uri.PortOrDefault);
        Assert.Equal(5061, new SipUri("h", scheme: SipUriScheme.Sips).PortOrDefault);
    }

    [Fact]
    public void Unescape_EscapedUser_DecodesUtf8()
    {
        Assert.Equal("alice smith", UriEscaping.Unescape("alice%20smith"));
        Assert.Equal("é", UriEscaping.Unescape("%C3%A9"));
        Assert.False(UriEscaping.IsValid("a%2"u8));
    }
}
