using Microsoft.Extensions.Options;

namespace Switchboard.Silo.Ops.Charts;

public static class OpsChartsServiceCollectionExtensions
{
    /// <summary>The chart history, its sampler and the latency listener, with <c>Ops:ChartSampleSeconds</c> checked at start.</summary>
    public static IServiceCollection AddOpsCharts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpsChartOptions>().Bind(configuration.GetSection(OpsChartOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpsChartOptions>, OpsChartOptionsValidator>();
        services.AddSingleton<LatencyListener>();
        services.AddSingleton<ChartHistory>();
        services.AddHostedService<ChartSampler>();
        return services;
    }
}
