using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Auth;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Media;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Registrar;
using Switchboard.Edge.Security;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Edge.Trunks;
using Switchboard.Sip.Auth;
using Switchboard.Sip.Dns;
using Switchboard.Sip.Transactions;
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

        // Started here, not when the container first asks for it, so compiling overlaps the rest of the host's start;
        // on half the cores, since with all of them the silo's own start (membership, its watchdog) starved.
        if (!services.Any(d => d.ServiceType == typeof(CallPathPrecompiler)))
        {
            services.AddSingleton(configuration.GetValue("Sip:Precompile", true)
                ? CallPathPrecompiler.Start(CallPathPrecompiler.CallPathAssemblies(), Math.Max(1, Environment.ProcessorCount / 2))
                : CallPathPrecompiler.None);
        }
        var sip = configuration.GetSection(SipOptions.SectionName);
        services.AddOptions<SipOptions>().Bind(sip).ValidateOnStart();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>());
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());

        // The SIP library's own option types read the same section; Sip:TlsPort 0 means no TLS listener. The nonce
        // secret's rule lives in DigestAuthOptionsValidator alone, checked here at start-up like every other key.
        // Each edge issues nonces under its own name (its edge id, else host and SIP port: read raw, so a bad Sip
        // value is reported by its own validator), so a nonce is accepted only by the edge that tracks its counts.
        services.AddOptions<DigestAuthOptions>().Bind(sip)
            .PostConfigure(o => o.NonceIssuer ??= string.IsNullOrWhiteSpace(sip["EdgeId"]) ? $"{Environment.MachineName}:{sip["Port"] ?? "5060"}" : sip["EdgeId"])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestAuthOptions>, DigestAuthOptionsValidator>());
        // A generated self-signed certificate only in the embedded node (no PostgreSQL: one process on loopback);
        // anywhere else SIP over TLS needs a configured certificate, or Sip:TlsSelfSigned=true said out loud.
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));
        services.AddOptions<SipTransportOptions>().Bind(sip).PostConfigure(o =>
        {
            var tlsPort = sip.GetValue(nameof(SipOptions.TlsPort), 0);
            o.EnableTls = tlsPort > 0;
            o.TlsPort = tlsPort > 0 ? tlsPort : o.TlsPort;
            o.TlsSelfSigned = o.TlsSelfSigned || (embedded && tlsPort > 0 && string.IsNullOrWhiteSpace(o.TlsCertificatePath));
        }).Validate(
            o => !o.EnableTls || o.TlsSelfSigned || !string.IsNullOrWhiteSpace(o.TlsCertificatePath),
            "Sip:TlsCertificatePath is required with Sip:TlsPort outside the embedded node (a PKCS#12 file; "
            + "Sip:TlsSelfSigned=true generates a self-signed certificate, for testing only)").ValidateOnStart();

        // RFC 3261 §17 timers from Sip:Transactions. The B2BUA sends 100 Trying itself, and only when it is going to
        // wait on the cluster: an edge that answers 503 at once sends nothing before it (§17.2.1's 200 ms rule).
        services.AddOptions<SipTransactionOptions>().Bind(configuration.GetSection(SipTransactionOptions.SectionName))
            .PostConfigure(o => o.SendTryingForInvite = false).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipTransactionOptions>, SipTransactionOptionsValidator>());

        // RFC 3263 server location for trunk hosts; Sip:Dns:NameServers empty means the system resolver.
        services.AddOptions<SipDnsOptions>().Bind(configuration.GetSection(SipDnsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipDnsOptions>, SipDnsOptionsValidator>());
        services.TryAddSingleton<ISipDnsLookup, DnsClientLookup>();
        services.TryAddSingleton(s => new SipServerLocator(s.GetRequiredService<ISipDnsLookup>(), s.GetRequiredService<IOptions<SipDnsOptions>>()));

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(s =>
        {
            var metrics = new EdgeMetrics(s.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
            metrics.ObserveActiveBans(() => s.GetRequiredService<BannedSources>().Count);
            return metrics;
        });
        services.AddSingleton<BannedSources>();
        services.AddSingleton<ScannerFilter>();
        services.AddSingleton<SourceBanReporter>();
        services.AddSingleton<KnownExtensions>();
        services.AddSingleton<SipTransactionMetrics>();
        services.AddSingleton<EdgeState>();
        services.AddSingleton<ClusterConnectivity>();
        services.AddSingleton<ClusterGuard>();
        services.AddSingleton<RtpPortPool>();
        services.AddSingleton<MediaRelayTable>();
        services.AddSingleton<DigestAuthenticator>();

        services.AddSingleton<TrunkHealth>();
        services.AddSingleton<SipOutbound>();
        services.AddSingleton<LogRedaction>();
        services.AddSingleton<LogScopes>();
        services.AddSingleton<SipInbound>();
        services.AddSingleton<SipResponder>();
        services.AddSingleton(CreateTransactionLayer);
        services.AddSingleton<SipDispatcher>();
        services.AddSingleton<TenantResolver>();
        services.AddSingleton<DigestPolicyCache>();
        services.AddSingleton<DigestGate>();
        services.AddSingleton<SipRegistrar>();
        services.AddSingleton<LegRequestFactory>();
        services.AddSingleton<CallTable>();
        services.AddSingleton<CallGrainLink>();
        services.AddSingleton<SessionTeardown>();
        services.AddSingleton<LegSignaller>();
        services.AddSingleton<MediaAnchor>();
        services.AddSingleton<HangupHandler>();
        services.AddSingleton<TrunkChallengeAnswerer>();
        services.AddSingleton<CallerResponses>();
        services.AddSingleton<CalleeLegs>();
        services.AddSingleton<RingTimer>();
        services.AddSingleton<CallerIdentification>();
        services.AddSingleton<CallSetup>();
        services.AddSingleton<InviteHandler>();
        services.AddSingleton<SetupAdmission>();
        services.AddSingleton<InDialogRelay>();
        services.AddSingleton<ReinviteAnswers>();
        services.AddSingleton<B2bua>();
        services.AddSingleton<EdgeObserver>();

        // Stop order is the reverse: drain first (transports still up), then listeners, then the observer, then the probe.
        services.AddHostedService<ClusterProbe>();
        services.AddHostedService<EdgeRegistration>();
        services.AddHostedService<SourceBanSync>();
        services.AddHostedService<EdgeTransportService>();
        services.AddHostedService<EdgeDrainService>();
        services.AddHostedService<TrunkPinger>();
        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("edge", tags: [ReadyTag]);
        return services;
    }

    /// <summary>The library's transaction layer, sending through the edge's counted outbound path.</summary>
    private static SipTransactionLayer CreateTransactionLayer(IServiceProvider services)
    {
        var outbound = services.GetRequiredService<SipOutbound>();
        var layer = new SipTransactionLayer(
            services.GetRequiredService<IOptions<SipTransactionOptions>>(), outbound.SendAsync, services.GetRequiredService<TimeProvider>());
        var logger = services.GetRequiredService<ILogger<SipTransactionLayer>>();
        layer.ResponseHandlerFailed += (_, response, exception) =>
            EdgeLog.HandlerFailed(logger, exception, response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), response.CallId);
        return layer;
    }
}
