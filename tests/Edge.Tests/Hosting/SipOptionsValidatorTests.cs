using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Tests.Hosting;

public sealed class SipOptionsValidatorTests
{
    [Fact]
    public void Validate_BadAddressAndPort_NameBothKeys()
    {
        var result = new SipOptionsValidator().Validate(null, new SipOptions { ListenAddress = "localhost:5060", Port = 70000 });

        Assert.Contains(result.Failures!, f => f.StartsWith("Sip:ListenAddress", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Sip:Port", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new SipOptionsValidator().Validate(null, new SipOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_MediaRangeTooSmall_NamesTheKeys()
    {
        var result = new MediaOptionsValidator().Validate(null, new MediaOptions { PortMin = 30000, PortMax = 30001 });

        Assert.Contains(result.Failures!, f => f.Contains("Media:PortMin..Media:PortMax", StringComparison.Ordinal));
    }
}
