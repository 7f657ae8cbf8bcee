using System.Net;
using Microsoft.Extensions.Options;

namespace Switchboard.Edge.Hosting;

/// <summary>Start-up check of <see cref="SecurityOptions"/>; every failure names the configuration key.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        SipOptionsValidator.CheckRange(failures, "Security:BanPollMilliseconds", options.BanPollMilliseconds, 100, 60_000);
        for (var i = 0; i < options.BanExempt.Count; i++)
        {
            if (!IPNetwork.TryParse(options.BanExempt[i], out _) && !IPAddress.TryParse(options.BanExempt[i], out _))
            {
                failures.Add($"Security:BanExempt:{i} '{options.BanExempt[i]}' is neither an IP address nor a CIDR network");
            }
        }

        var agents = options.ScannerUserAgents ?? [];
        for (var i = 0; i < agents.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(agents[i]) || agents[i].Length > 128 || !System.Text.Ascii.IsValid(agents[i]))
            {
                failures.Add($"Security:ScannerUserAgents:{i} must be 1-128 ASCII characters");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
