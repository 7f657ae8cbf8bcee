using System.Net;
using Microsoft.Extensions.Options;

namespace Switchboard.Sip.Transports;

/// <summary>Start-up validation of <see cref="SipTransportOptions"/>; each failure names the configuration key.</summary>
public sealed class SipTransportOptionsValidator : IValidateOptions<SipTransportOptions>
{
    /// <summary>Largest UDP payload over IPv6 jumbograms aside; also the largest message we will buffer on a stream.</summary>
    public const int MaxMessageSizeLimit = 65_535;

    public ValidateOptionsResult Validate(string? name, SipTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string p = SipTransportOptions.SectionName + ":";
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"{p}{nameof(options.ListenAddress)} must be an IPv4 or IPv6 address, not '{options.ListenAddress}'.");
        }

        if (options.Port is < 0 or > 65_535)
        {
            failures.Add($"{p}{nameof(options.Port)} must be between 0 and 65535.");
        }

        if (options.TlsPort is < 0 or > 65_535)
        {
            failures.Add($"{p}{nameof(options.TlsPort)} must be between 0 and 65535.");
        }

        if (!options.EnableUdp && !options.EnableTcp && !options.EnableTls)
        {
            failures.Add($"{p}{nameof(options.EnableUdp)}/{nameof(options.EnableTcp)}/{nameof(options.EnableTls)}: at least one transport must be enabled.");
        }

        if (options.EnableTls && string.IsNullOrWhiteSpace(options.TlsCertificatePath) && !options.TlsSelfSigned)
        {
            failures.Add($"{p}{nameof(options.TlsCertificatePath)} is required when TLS is enabled (or set {nameof(options.TlsSelfSigned)} for development).");
        }

        if (!string.IsNullOrWhiteSpace(options.TlsCertificatePath) && !File.Exists(options.TlsCertificatePath))
        {
            failures.Add($"{p}{nameof(options.TlsCertificatePath)} names a file that does not exist.");
        }

        if (!string.IsNullOrWhiteSpace(options.TrunkTlsCaPath) && !File.Exists(options.TrunkTlsCaPath))
        {
            failures.Add($"{p}{nameof(options.TrunkTlsCaPath)} names a file that does not exist.");
        }

        if (options.UdpBufferBytes is < 0 or > 256 * 1024 * 1024)
        {
            failures.Add($"{p}{nameof(options.UdpBufferBytes)} must be between 0 (kernel default) and 268435456.");
        }

        if (options.UdpReceiveLoops is < 1 or > 64)
        {
            failures.Add($"{p}{nameof(options.UdpReceiveLoops)} must be between 1 and 64.");
        }

        // RFC 3261 §18.1.1 expects at least 1300-byte messages to work; below 1500 would refuse ordinary INVITEs.
        if (options.MaxMessageSize is < 1500 or > MaxMessageSizeLimit)
        {
            failures.Add($"{p}{nameof(options.MaxMessageSize)} must be between 1500 and {MaxMessageSizeLimit}.");
        }

        if (options.ConnectionIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{p}{nameof(options.ConnectionIdleTimeout)} must be positive.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{p}{nameof(options.ConnectTimeout)} must be positive and at most one minute.");
        }

        if (options.MaxConnections < 1)
        {
            failures.Add($"{p}{nameof(options.MaxConnections)} must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
