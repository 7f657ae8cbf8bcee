using System.Net;
using Microsoft.Extensions.Logging;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Security;

namespace Switchboard.Edge.Security;

/// <summary>
/// Tells the cluster about a failed authentication from a source address (any reason: wrong password, unknown
/// user, unknown domain) and applies the ban the cluster answers with at once, so the very next packet from a
/// banned scanner is dropped by this edge; the other edges get it with their next poll.
/// </summary>
public sealed class SourceBanReporter(
    IGrainFactory grains,
    ClusterGuard guard,
    BannedSources bans,
    EdgeMetrics metrics,
    ILogger<SourceBanReporter> logger)
{
    public async Task ReportAsync(IPAddress source, string reason)
    {
        if (bans.IsExempt(source))
        {
            return;
        }

        var address = source.ToString();
        try
        {
            // Not retried: a retried report after a timeout could count one failure twice.
            var verdict = await guard.OnceAsync(
                _ => grains.Grain<ISourceBanGrain>(SourceBanShards.For(address)).ReportFailure(address, reason), CancellationToken.None);
            if (verdict.Ban is { } ban)
            {
                bans.Add(ban);
                if (verdict.Issued)
                {
                    metrics.BanIssued();
                    EdgeLog.SourceBanned(logger, address, ban.Failures, reason, ban.Until);
                }
            }
        }
        catch (ClusterUnavailableException)
        {
            // A lost count is not worth failing the answer for; the cluster's other brakes (the extension's lock) remain.
        }
    }
}
