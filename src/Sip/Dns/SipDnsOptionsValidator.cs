using System.Net;
using Microsoft.Extensions.Options;

namespace Switchboard.Sip.Dns;

/// <summary>Start-up validation of <see cref="SipDnsOptions"/>; each failure names the configuration key.</summary>
public sealed class SipDnsOptionsValidator : IValidateOptions<SipDnsOptions>
{
    public ValidateOptionsResult Validate(string? name, SipDnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string p = SipDnsOptions.SectionName + ":";
        var failures = new List<string>();
        for (var i = 0; i < options.NameServers.Count; i++)
        {
            if (!TryParseNameServer(options.NameServers[i], out _))
            {
                failures.Add($"{p}{nameof(options.NameServers)}:{i} must be an IP address with an optional port, not '{options.NameServers[i]}'.");
            }
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{p}{nameof(options.Timeout)} must be positive and at most 30 s.");
        }

        if (options.Retries is < 0 or > 5)
        {
            failures.Add($"{p}{nameof(options.Retries)} must be between 0 and 5.");
        }

        if (options.MaxTargets is < 1 or > 64)
        {
            failures.Add($"{p}{nameof(options.MaxTargets)} must be between 1 and 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An address alone means port 53 (RFC 1035 §4.2).</summary>
    public static bool TryParseNameServer(string? value, out IPEndPoint endPoint)
    {
        endPoint = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (IPAddress.TryParse(value, out var address))
        {
            endPoint = new IPEndPoint(address, 53);
            return true;
        }

        if (IPEndPoint.TryParse(value, out var parsed) && parsed.Port > 0)
        {
            endPoint = parsed;
            return true;
        }

        return false;
    }
}
