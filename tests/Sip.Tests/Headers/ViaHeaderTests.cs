using System.Text;

namespace Switchboard.Sip.Tests.Headers;

public class ViaHeaderTests
{
    [Fact]
    public void Parse_ViaWithAllKnownParameters_ExposesThemTyped()
    {
        var via = ViaHeader.Parse("SIP/2.0/UDP [2001:db8::9]:5062;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=40612;maddr=224.2.0.1;ttl=16");

        Assert.Equal("SIP/2.0", via.Protocol);
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("[2001:db8::9]", via.Host);
        Assert.Equal(5062, via.Port);
        Assert.Equal("z9hG4bK776asdhds", via.Branch);
        Assert.True(via.HasRfc3261Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.True(via.HasRPort);
        Assert.Equal(40612, via.RPort);
        Assert.Equal("224.2.0.1", via.Maddr);
        Assert.Equal(16, via.Ttl);
    }

    [Fact]
    public void Parse_RPortWithoutValue_FlagPresentValueNull()
    {
        var via = ViaHeader.Parse("SIP/2.0/TCP client.example.com;rport;branch=z9hG4bKa");

        Assert.True(via.HasRPort);
        Assert.Null(via.RPort);
        Assert.Null(via.Port);
        Assert.Equal(5060, via.PortOrDefault);
    }

    [Fact]
    public void SetRPort_ThenWrite_Rfc3581Form()
    {
        var via = ViaHeader.Parse("SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bKa");
        via.Received = "198.51.100.7";
        via.SetRPort(40612);

        Assert.Equal("SIP/2.0/UDP 10.0.0.5:5060;rport=40612;branch=z9hG4bKa;received=198.51.100.7", via.ToString());
    }

    [Theory]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP host:port")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0/UDP host;;")]
    [InlineData("SIP/2.0/UDP host;branch=\"unterminated")]
    public void IsValid_Malformed_False(string text)
    {
        Assert.False(ViaHeader.IsValid(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Constructor_NewVia_WritesTransportHostPortBranch()
    {
        var via = new ViaHeader("TLS", "edge.example.com", 5061, "z9hG4bKabc");

        Assert.Equal("SIP/2.0/TLS edge.example.com:5061;branch=z9hG4bKabc", via.ToString());
        Assert.Equal(5061, ViaHeader.Parse(via.ToString()).PortOrDefault);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP h;rport;branch=z9hG4bK77", "branch", "z9hG4bK77")]
    [InlineData("SIP/2.0/UDP h ; Branch = z9hG4bK77 ;x=\"a;b\"", "branch", "z9hG4bK77")]
    [InlineData("SIP/2.0/UDP h;x=\"a;branch=no\";branch=yes", "branch", "yes")]
    [InlineData("SIP/2.0/UDP h;rport;branch=z9hG4bK77", "rport", "")]
    public void TryGetParameter_RawVia_FindsValueWithoutAllocating(string via, string name, string expected)
    {
        Assert.True(ViaHeader.TryGetParameter(Encoding.ASCII.GetBytes(via), Encoding.ASCII.GetBytes(name), out var value));
        Assert.Equal(expected, Encoding.ASCII.GetString(value));
        Assert.False(ViaHeader.TryGetParameter(Encoding.ASCII.GetBytes(via), "maddr"u8, out _));
    }
}
