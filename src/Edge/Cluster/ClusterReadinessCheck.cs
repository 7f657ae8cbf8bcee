using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Cluster;

/// <summary>Ready means: listeners up, not draining, and the cluster answered the last probe.</summary>
internal sealed class ClusterReadinessCheck(ClusterConnectivity connectivity, EdgeState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.IsDraining)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("draining"));
        }

        if (!state.IsListening)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("SIP listeners not started"));
        }

        return Task.FromResult(connectivity.HasProbed && connectivity.IsReachable
            ? HealthCheckResult.Healthy("cluster reachable")
            : HealthCheckResult.Unhealthy("cluster unreachable"));
    }
}
