using System.Net;
using Microsoft.Extensions.Options;

namespace Switchboard.Edge.Hosting;

/// <summary>Start-up check of <see cref="SipOptions"/>; every failure names the configuration key.</summary>
internal sealed class SipOptionsValidator : IValidateOptions<SipOptions>
{
    public ValidateOptionsResult Validate(string? name, SipOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"Sip:ListenAddress '{options.ListenAddress}' is not an IP address");
        }

        CheckPort(failures, "Sip:Port", options.Port, allowZero: false);
        CheckPort(failures, "Sip:TlsPort", options.TlsPort, allowZero: true);
        CheckRange(failures, "Sip:RingTimeoutSeconds", options.RingTimeoutSeconds, 1, 600);
        CheckRange(failures, "Sip:DrainSeconds", options.DrainSeconds, 0, 3600);
        CheckRange(failures, "Sip:ClusterTimeoutMilliseconds", options.ClusterTimeoutMilliseconds, 100, 30000);
        CheckRange(failures, "Sip:RetryAfterSeconds", options.RetryAfterSeconds, 1, 3600);
        CheckRange(failures, "Sip:MaxCallsInSetup", options.MaxCallsInSetup, 0, 1_000_000);
        CheckRange(failures, "Sip:TrunkPingSeconds", options.TrunkPingSeconds, 0, 3600);
        CheckRange(failures, "Sip:TrunkPingTimeoutMilliseconds", options.TrunkPingTimeoutMilliseconds, 100, 30000);
        if (options.TrunkPingSeconds > 0 && options.TrunkPingTimeoutMilliseconds >= options.TrunkPingSeconds * 1000)
        {
            failures.Add($"Sip:TrunkPingTimeoutMilliseconds {options.TrunkPingTimeoutMilliseconds} must be shorter than Sip:TrunkPingSeconds");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port, bool allowZero)
    {
        if (port < (allowZero ? 0 : 1) || port > 65535)
        {
            failures.Add($"{key} {port} is not a valid port");
        }
    }

    internal static void CheckRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} {value} must be between {min} and {max}");
        }
    }
}
