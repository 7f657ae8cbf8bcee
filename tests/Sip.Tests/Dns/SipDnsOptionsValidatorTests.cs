using Switchboard.Sip.Dns;

namespace Switchboard.Sip.Tests.Dns;

public sealed class SipDnsOptionsValidatorTests
{
    private readonly SipDnsOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new SipDnsOptions()).Succeeded);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:5353")]
    [InlineData("[::1]:53")]
    public void Validate_NameServerAddress_Succeeds(string server)
    {
        Assert.True(_validator.Validate(null, new SipDnsOptions { NameServers = [server] }).Succeeded);
    }

    [Fact]
    public void Validate_NameServerHostName_FailureNamesTheKey()
    {
        var result = _validator.Validate(null, new SipDnsOptions { NameServers = ["127.0.0.1", "dns.example"] });

        Assert.Contains("Sip:Dns:NameServers:1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTimeoutRetriesAndMaxTargets_EachNamed()
    {
        var result = _validator.Validate(null, new SipDnsOptions { Timeout = TimeSpan.Zero, Retries = 9, MaxTargets = 0 });

        Assert.Contains("Sip:Dns:Timeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Sip:Dns:Retries", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Sip:Dns:MaxTargets", result.FailureMessage, StringComparison.Ordinal);
    }
}
