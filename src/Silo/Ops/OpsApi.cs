using Microsoft.Extensions.Options;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Observability;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Ops.Charts;

namespace Switchboard.Silo.Ops;

/// <summary>
/// The cluster-wide reads behind the operations page. Both are for keys not bound to a tenant (operators and
/// global read-only keys): a tenant's key gets 403, since these answers span every tenant.
/// </summary>
public static class OpsApi
{
    /// <summary>Bounds the fan-out of one refresh: tenants asked, and call lines returned.</summary>
    internal const int MaxTenants = 500;
    internal const int MaxCalls = 200;

    public static async Task<IResult> Overview(HttpContext context, IGrainFactory grains, TimeProvider clock)
    {
        if (ApiCaller.From(context.User).TenantId is not null)
        {
            return TenantKeyRefused();
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true);
        var runtime = hosts.Length == 0 ? [] : await management.GetRuntimeStatistics(hosts.Select(h => h.SiloAddress).ToArray());
        var stats = await grains.Grain<IClusterStatsGrain>(IClusterStatsGrain.Key).GetSummary();

        var silos = hosts
            .Select((h, i) => new OpsSilo(
                h.SiloAddress.ToString(), h.SiloName, h.HostName, h.Status.ToString(), new DateTimeOffset(h.StartTime, TimeSpan.Zero),
                i < runtime.Length ? runtime[i].ActivationCount : 0))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        // Standalone edges are the only Orleans clients Switchboard runs, so gateway clients = standalone edges.
        return Results.Ok(new OpsOverview(
            silos, stats.CoHostedEdges, runtime.Sum(r => r.ClientCount), stats.ActiveCalls, stats.CallsPerSecond, stats.CallsStarted,
            clock.GetUtcNow()));
    }

    /// <summary>
    /// Live calls of every tenant, oldest first. Tenants come from the tenant registry grain (no table scan on every
    /// poll); each tenant's active-calls grain answers from memory.
    /// </summary>
    public static async Task<IResult> Calls(HttpContext context, IGrainFactory grains)
    {
        if (ApiCaller.From(context.User).TenantId is not null)
        {
            return TenantKeyRefused();
        }

        var tenants = await grains.Grain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List(0, MaxTenants);
        var lists = await Task.WhenAll(tenants.Select(t => grains.Grain<IActiveCallsGrain>(t).List()));
        return Results.Ok(lists.SelectMany(l => l).OrderBy(c => c.StartedAt).Take(MaxCalls).ToList());
    }

    /// <summary>The last hour of chart samples this silo took, as aligned columns (see <see cref="OpsCharts"/>).</summary>
    public static IResult Charts(
        HttpContext context, ChartHistory history, IOptions<OpsChartOptions> options, ILocalSiloDetails silo, TimeProvider clock) =>
        ApiCaller.From(context.User).TenantId is not null
            ? TenantKeyRefused()
            : Results.Ok(OpsCharts.From(history.Snapshot(), options.Value.ChartSampleSeconds, silo.Name, clock.GetUtcNow()));

    private static IResult TenantKeyRefused() =>
        ApiProblems.Forbidden("The operations page spans every tenant; use an operator or a read-only key not bound to a tenant.");
}
