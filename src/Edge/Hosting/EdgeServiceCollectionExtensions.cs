using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Media;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Hosting;

/// <summary>Registers the SIP edge; the co-hosted silo and the standalone edge both call this.</summary>
public static class EdgeServiceCollectionExtensions
{
    /// <summary>Health-check tag of the edge's readiness (the silo host uses the same tag for its own).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Everything the edge needs except the Orleans client itself: the caller provides <see cref="IGrainFactory"/>
    /// (the silo's own, or an external client's). Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddSwitchboardEdge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SipOptions>().Bind(configuration.GetSection(SipOptions.SectionName)).ValidateOnStart();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EdgeMetrics>();
        services.AddSingleton<EdgeState>();
        services.AddSingleton<ClusterConnectivity>();
        services.AddSingleton<ClusterGuard>();
        services.AddSingleton<RtpPortPool>();
        services.AddSingleton<MediaRelayTable>();

        services.AddHostedService<ClusterProbe>();
        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("edge", tags: [ReadyTag]);
        return services;
    }
}
