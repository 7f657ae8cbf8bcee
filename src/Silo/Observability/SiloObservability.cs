using Orleans.Dashboard;
using Switchboard.Silo.Ops;
using Switchboard.Silo.Ops.Charts;
using Switchboard.Telemetry;

namespace Switchboard.Silo.Observability;

/// <summary>
/// What the silo exposes for operators beside the admin API: Prometheus metrics at <c>/metrics</c>, the Orleans
/// Dashboard at <c>/dashboard</c> (operator keys, or the cookie <see cref="DashboardSession"/> issues for them) and the operations page at <c>/ops</c>.
/// </summary>
public static class SiloObservability
{
    public const string ServiceName = "switchboard-silo";
    public const string DashboardPath = "/dashboard";

    /// <summary>Configuration key that keeps the dashboard's per-method grain statistics (off unless true).</summary>
    public const string GrainProfilingKey = "Dashboard:GrainProfiling";

    /// <param name="builder">The silo's host builder.</param>
    /// <param name="https">The silo serves HTTPS: the dashboard cookie is marked Secure on every listener.</param>
    public static WebApplicationBuilder AddSwitchboardObservability(this WebApplicationBuilder builder, bool https)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSwitchboardTelemetry(ServiceName);
        builder.Services.AddHostedService<CallStatsReporter>();
        builder.Services.AddOpsCharts(builder.Configuration);
        builder.Services.AddDashboardSession(https);

        // The dashboard has no authentication of its own (it is mapped behind the admin API's operator policy);
        // HideTrace keeps grain-call traces, which can carry call ids and numbers, out of its log stream.
        builder.UseOrleans(silo => silo.AddDashboard(o => o.HideTrace = true));
        if (!builder.Configuration.GetValue<bool>(GrainProfilingKey))
        {
            RemoveGrainProfiler(builder.Services);
        }

        return builder;
    }

    public static WebApplication MapSwitchboardObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSwitchboardMetrics();
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(DashboardSession.Policy);
        app.MapDashboardSession();
        app.MapOpsPage();
        return app;
    }

    /// <summary>
    /// The dashboard times every grain call through a silo-wide call filter, and once one silo-wide filter exists
    /// Orleans sends every call of every grain through its filter pipeline (an invoker object and an async frame per
    /// call, about 15 grain calls per phone call). Its "methods" statistics stay empty without it; the rest of the
    /// dashboard works as before.
    /// </summary>
    private static void RemoveGrainProfiler(IServiceCollection services)
    {
        var profiler = services.Where(d => d.ServiceType == typeof(IIncomingGrainCallFilter)
            && d.ImplementationType?.FullName == "Orleans.Dashboard.Implementation.GrainProfilerFilter").ToList();
        if (profiler.Count == 0)
        {
            throw new InvalidOperationException("The Orleans dashboard no longer registers its grain profiler as expected; review SiloObservability.");
        }

        profiler.ForEach(d => services.Remove(d));
    }
}
