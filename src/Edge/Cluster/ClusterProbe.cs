using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Runtime;

namespace Switchboard.Edge.Cluster;

/// <summary>
/// Asks the cluster a cheap question every few seconds, and at once when the client loses its last connected
/// gateway (<see cref="ClusterConnectivity.RequestProbe"/>), so readiness and the INVITE fast path know whether the
/// cluster answers. It calls the grain factory directly, not through <see cref="ClusterGuard"/>, because the
/// guard refuses calls while the cluster is marked unreachable and the probe is what marks it reachable again.
/// </summary>
internal sealed class ClusterProbe(IGrainFactory grainFactory, ClusterConnectivity connectivity, TimeProvider timeProvider, ILogger<ClusterProbe> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            connectivity.ProbeStarted();

            // One failed probe is not enough to refuse every call: right after a silo crash the probe may have gone
            // through that silo's gateway, and a second attempt is routed through a live one.
            var reachable = await ProbeOnceAsync(stoppingToken) || await ProbeOnceAsync(stoppingToken);
            if (reachable != connectivity.IsReachable || !connectivity.HasProbed)
            {
                EdgeLog.ClusterReachability(logger, reachable);
            }

            connectivity.Report(reachable);

            // WhenAny does not throw: a cancelled delay ends the loop through the condition above.
            await Task.WhenAny(Task.Delay(Period, timeProvider, stoppingToken), connectivity.ProbeRequested);
        }
    }

    private async Task<bool> ProbeOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var hosts = await grainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, timeProvider, stoppingToken);
            return hosts.Count > 0;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            EdgeLog.ClusterProbeFailed(logger, ex.GetType().Name);
            return false;
        }
    }
}
