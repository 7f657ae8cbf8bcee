using Switchboard.Edge.Observability;

namespace Switchboard.Silo.Observability;

/// <summary>
/// What the silo exposes for operators beside the admin API: Prometheus metrics at <c>/metrics</c>.
/// </summary>
public static class SiloObservability
{
    public const string ServiceName = "switchboard-silo";

    public static WebApplicationBuilder AddSwitchboardObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSwitchboardTelemetry(ServiceName);
        return builder;
    }

    public static WebApplication MapSwitchboardObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSwitchboardMetrics();
        return app;
    }
}
