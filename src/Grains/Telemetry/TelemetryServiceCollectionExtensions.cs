using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Switchboard.Grains.Telemetry;

/// <summary>Registers <see cref="SwitchboardMetrics"/> wherever grains are hosted (silo, TestingHost cluster).</summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddSwitchboardMetrics(this IServiceCollection services)
    {
        // AddMetrics is idempotent; a bare TestingHost silo may not have the meter factory otherwise.
        services.AddMetrics();
        services.TryAddSingleton<SwitchboardMetrics>();
        return services;
    }
}
