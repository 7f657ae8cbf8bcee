using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Cluster.Tls;

namespace Switchboard.Edge.Hosting;

/// <summary>
/// The Orleans client of a standalone edge, in one place: the edge host and the fault tests both call it, so the
/// tests exercise the gateway and timeout settings an operator's edge runs with.
/// </summary>
public static class EdgeClientConfigurator
{
    /// <summary>How often the gateway list is re-read from the membership table (default 1 min).</summary>
    // A gateway whose socket drops is skipped at once; this bounds how long a silo declared dead stays in the list
    // and how soon a new silo takes traffic (docs/architecture.md, "Failure costs").
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>Orleans' own deadline for a grain call from this edge (default 30 s).</summary>
    // The signalling path gives up earlier (Sip:ClusterTimeoutMilliseconds); this only bounds the callback the runtime
    // keeps for a call into a silo that died with it in flight, which an external client is never told about.
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Clustering, timeouts and, with <c>Cluster:Tls</c>, mutual TLS to the gateways. Throws an
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the key when the TLS settings are
    /// unusable, or missing on an edge that serves SIP on an address other than loopback.
    /// </summary>
    public static void Configure(IClientBuilder client, IConfiguration configuration, string postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = configuration["Cluster:ClusterId"] ?? "switchboard";
            o.ServiceId = configuration["Cluster:ServiceId"] ?? "switchboard";
        });
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgresConnectionString;
        });
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);

        // Losing the last connected gateway is not yet losing the cluster (the client connects to gateways as it needs
        // them, and the one it used may be a silo that just crashed): probe at once, through any gateway in the list.
        client.AddGatewayCountChangedHandler(services => (_, e) =>
        {
            if (e.NumberOfConnectedGateways == 0)
            {
                services.GetRequiredService<ClusterConnectivity>().RequestProbe();
            }
        });

        ConfigureTls(client, configuration);

        // Keep retrying the first connection: the edge should come up (not ready) even while the silos are still starting.
        client.UseConnectionRetryFilter(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            return true;
        });
    }

    /// <summary>
    /// Mutual TLS to the gateways when <c>Cluster:Tls</c> is set. An edge finds its silos in the membership table, so
    /// the address it is judged by is the one it serves phones on: an edge on loopback is a development node next to
    /// its silos (deploy/local/cluster.sh) and may stay plaintext; any other edge needs a certificate.
    /// </summary>
    public static void ConfigureTls(IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        var listen = IPAddress.TryParse(configuration["Sip:ListenAddress"] ?? "127.0.0.1", out var address)
            ? address
            : null; // SipOptionsValidator reports a bad address by its own key.
        if (ClusterTls.Read(configuration, "Sip:ListenAddress", listen, server: false) is { } tls)
        {
            client.UseTls(tls.Configure);
        }
    }
}
