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

    [Theory]
    [InlineData(-1, 2000, "Sip:TrunkPingSeconds")]
    [InlineData(2, 2000, "Sip:TrunkPingTimeoutMilliseconds")]
    [InlineData(10, 50, "Sip:TrunkPingTimeoutMilliseconds")]
    public void Validate_BadTrunkPing_NamesTheKey(int seconds, int timeout, string key)
    {
        var result = new SipOptionsValidator().Validate(null, new SipOptions { TrunkPingSeconds = seconds, TrunkPingTimeoutMilliseconds = timeout });

        Assert.Contains(result.Failures!, f => f.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NegativeMaxCallsInSetup_NamesTheKey() =>
        Assert.Contains(new SipOptionsValidator().Validate(null, new SipOptions { MaxCallsInSetup = -1 }).Failures!, f => f.StartsWith("Sip:MaxCallsInSetup", StringComparison.Ordinal));

    [Fact]
    public void Validate_TrunkPingOff_AnyTimeoutInRangeSucceeds() =>
        Assert.True(new SipOptionsValidator().Validate(null, new SipOptions { TrunkPingSeconds = 0, TrunkPingTimeoutMilliseconds = 30000 }).Succeeded);

    [Fact]
    public void Validate_MediaRangeTooSmall_NamesTheKeys()
    {
        var result = new MediaOptionsValidator().Validate(null, new MediaOptions { PortMin = 30000, PortMax = 30001 });

        Assert.Contains(result.Failures!, f => f.Contains("Media:PortMin..Media:PortMax", StringComparison.Ordinal));
    }
}
