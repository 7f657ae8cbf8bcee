using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

public class SipTransportOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new SipTransportOptionsValidator().Validate(null, new SipTransportOptions()).Succeeded);
    }

    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("2001:db8::10")]
    [InlineData("0.0.0.0")]
    public void Validate_Ipv4AndIpv6Addresses_Accepted(string address)
    {
        Assert.True(new SipTransportOptionsValidator().Validate(null, new SipTransportOptions { ListenAddress = address }).Succeeded);
    }

    [Theory]
    [InlineData(nameof(SipTransportOptions.Port))]
    [InlineData(nameof(SipTransportOptions.MaxMessageSize))]
    [InlineData(nameof(SipTransportOptions.TlsCertificatePath))]
    [InlineData(nameof(SipTransportOptions.TrunkTlsCaPath))]
    [InlineData(nameof(SipTransportOptions.ConnectionIdleTimeout))]
    [InlineData(nameof(SipTransportOptions.MaxConnections))]
    [InlineData(nameof(SipTransportOptions.UdpReceiveLoops))]
    public void Validate_BadValue_FailureNamesKey(string key)
    {
        var options = new SipTransportOptions();
        switch (key)
        {
            case nameof(SipTransportOptions.Port): options.Port = 70000; break;
            case nameof(SipTransportOptions.MaxMessageSize): options.MaxMessageSize = 100; break;
            case nameof(SipTransportOptions.TlsCertificatePath): options.EnableTls = true; break;
            case nameof(SipTransportOptions.TrunkTlsCaPath): options.TrunkTlsCaPath = "/nonexistent/trunk-ca.pem"; break;
            case nameof(SipTransportOptions.ConnectionIdleTimeout): options.ConnectionIdleTimeout = TimeSpan.Zero; break;
            case nameof(SipTransportOptions.MaxConnections): options.MaxConnections = 0; break;
            case nameof(SipTransportOptions.UdpReceiveLoops): options.UdpReceiveLoops = 0; break;
        }

        var result = new SipTransportOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains($"Sip:{key}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NothingEnabled_Fails()
    {
        var options = new SipTransportOptions { EnableUdp = false, EnableTcp = false };
        Assert.True(new SipTransportOptionsValidator().Validate(null, options).Failed);
    }
}
