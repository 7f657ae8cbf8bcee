using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Switchboard.Telemetry;

/// <summary>
/// Metrics wiring shared by the silo and the standalone edge: every <c>Switchboard.*</c> meter (edge, SIP
/// library, grains) and Orleans' own <c>Microsoft.Orleans</c> meter and Npgsql's, exported for Prometheus at <c>/metrics</c>.
/// A wildcard rather than a list so a meter added by another component is exported without touching this file.
/// </summary>
public static class SwitchboardTelemetry
{
    public const string MetricsPath = "/metrics";
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Npgsql's own meter: PostgreSQL operation time and failures, connection pool use (silos and edges).</summary>
    public const string NpgsqlMeterName = "Npgsql";

    public static IServiceCollection AddSwitchboardTelemetry(this IServiceCollection services, string serviceName)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(MetricTagPolicy.MeterPrefix + "*")
                .AddMeter(OrleansMeterName)
                .AddMeter(NpgsqlMeterName)
                .AddView(MetricTagPolicy.View)
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint. It is unauthenticated: bind HTTP to an internal network.</summary>
    public static IEndpointConventionBuilder MapSwitchboardMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
}
