using System.Text;

namespace Switchboard.Sip.Tests.Headers;

public class NameAddressTests
{
    [Fact]
    public void Parse_QuotedDisplayNameWithEscapes_Unquoted()
    {
        var a = NameAddress.Parse("\"Bob \\\"The Builder\\\"\" <sip:bob@example.com;transport=tcp>;tag=a6c85cf");

        Assert.Equal("Bob \"The Builder\"", a.DisplayName);
        Assert.Equal("tcp", a.Uri.Transport);
        Assert.Equal("a6c85cf", a.Tag);
    }

    [Fact]
    public void Parse_AddrSpec_ParametersBelongToHeader()
    {
        var a = NameAddress.Parse("sip:alice@example.com;tag=1928301774");

        Assert.Null(a.DisplayName);
        Assert.Empty(a.Uri.Parameters);
        Assert.Equal("1928301774", a.Tag);
    }

    [Fact]
    public void Parse_TokenDisplayName_KeptWithSpaces()
    {
        Assert.Equal("Front Desk", NameAddress.Parse("Front Desk <sip:2001@pbx.example.com>").DisplayName);
    }

    [Theory]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("<sip:a@b")]
    [InlineData("Bell, Alexander <sip:a@b>")]
    [InlineData("sip:a@b?subject=x")]
    [InlineData("< sip:a@b >")]
    [InlineData("")]
    public void IsValid_Malformed_False(string text)
    {
        Assert.False(NameAddress.IsValid(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void ToString_WithDisplayNameAndTag_NameAddrForm()
    {
        var a = new NameAddress(new SipUri("example.com", "alice"), "Alice \"A\"") { Tag = "xyz" };

        Assert.Equal("\"Alice \\\"A\\\"\" <sip:alice@example.com>;tag=xyz", a.ToString());
        Assert.Equal("Alice \"A\"", NameAddress.Parse(a.ToString()).DisplayName);
    }
}
