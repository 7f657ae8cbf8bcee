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
        builder.UseOrleans(silo => silo
            .AddDashboard(o => o.HideTrace = true)
            .AddIncomingGrainCallFilter<CallLogScopeFilter>());
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
}
