using System.Net;
using Microsoft.Extensions.Options;

namespace Switchboard.Edge.Hosting;

/// <summary>Start-up check of <see cref="MediaOptions"/>; every failure names the configuration key.</summary>
internal sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.Address, out _))
        {
            failures.Add($"Media:Address '{options.Address}' is not an IP address");
        }

        SipOptionsValidator.CheckRange(failures, "Media:PortMin", options.PortMin, 1024, 65534);
        SipOptionsValidator.CheckRange(failures, "Media:PortMax", options.PortMax, 1025, 65535);

        // Each relayed call needs two RTP/RTCP pairs, so fewer than four ports cannot carry even one call.
        if (options.PortMax - options.PortMin < 3)
        {
            failures.Add($"Media:PortMin..Media:PortMax ({options.PortMin}..{options.PortMax}) must span at least 4 ports");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
