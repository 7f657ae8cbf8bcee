using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Auth;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Media;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Registrar;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Sip.Auth;
using Switchboard.Sip.Transports;

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
        var sip = configuration.GetSection(SipOptions.SectionName);
        services.AddOptions<SipOptions>().Bind(sip).ValidateOnStart();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>());

        // The SIP library's own option types read the same section; Sip:TlsPort 0 means no TLS listener.
        services.AddOptions<DigestAuthOptions>().Bind(sip);
        services.AddOptions<SipTransportOptions>().Bind(sip).PostConfigure(o =>
        {
            var tlsPort = sip.GetValue(nameof(SipOptions.TlsPort), 0);
            o.EnableTls = tlsPort > 0;
            o.TlsPort = tlsPort > 0 ? tlsPort : o.TlsPort;
            o.TlsSelfSigned = o.TlsSelfSigned || (tlsPort > 0 && string.IsNullOrWhiteSpace(o.TlsCertificatePath));
        });

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EdgeMetrics>();
        services.AddSingleton<SipTransactionMetrics>();
        services.AddSingleton<EdgeState>();
        services.AddSingleton<ClusterConnectivity>();
        services.AddSingleton<ClusterGuard>();
        services.AddSingleton<RtpPortPool>();
        services.AddSingleton<MediaRelayTable>();
        services.AddSingleton<DigestAuthenticator>();

        services.AddSingleton<SipOutbound>();
        services.AddSingleton<SipInbound>();
        services.AddSingleton<SipResponder>();
        services.AddSingleton<ServerTransactionTable>();
        services.AddSingleton<ClientTransactionTable>();
        services.AddSingleton<SipDispatcher>();
        services.AddSingleton<TenantResolver>();
        services.AddSingleton<DigestGate>();
        services.AddSingleton<SipRegistrar>();
        services.AddSingleton<LegRequestFactory>();
        services.AddSingleton<CallTable>();
        services.AddSingleton<B2bua>();
        services.AddSingleton<EdgeObserver>();

        // Stop order is the reverse: drain first (transports still up), then listeners, then the observer, then the probe.
        services.AddHostedService<ClusterProbe>();
        services.AddHostedService<EdgeRegistration>();
        services.AddHostedService<EdgeTransportService>();
        services.AddHostedService<EdgeDrainService>();
        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("edge", tags: [ReadyTag]);
        return services;
    }
}
