using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Tests.Hosting;

public sealed class SipOptionsValidatorTests
{
    [Fact]
    public void Validate_MissingNonceSecret_NamesTheKey()
    {
        var result = new SipOptionsValidator().Validate(null, new SipOptions());

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Sip:NonceSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadAddressAndPort_NameBothKeys()
    {
        var result = new SipOptionsValidator().Validate(null, new SipOptions { ListenAddress = "localhost:5060", Port = 70000, NonceSecret = new string('x', 32) });

        Assert.Contains(result.Failures!, f => f.StartsWith("Sip:ListenAddress", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Sip:Port", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_WithSecret_Succeed()
    {
        var result = new SipOptionsValidator().Validate(null, new SipOptions { NonceSecret = new string('x', 32) });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_MediaRangeTooSmall_NamesTheKeys()
    {
        var result = new MediaOptionsValidator().Validate(null, new MediaOptions { PortMin = 30000, PortMax = 30001 });

        Assert.Contains(result.Failures!, f => f.Contains("Media:PortMin..Media:PortMax", StringComparison.Ordinal));
    }
}
