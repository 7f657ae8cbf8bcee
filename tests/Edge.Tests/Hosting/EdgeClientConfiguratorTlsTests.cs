using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Switchboard.Edge.Hosting;
using Switchboard.Grains.Edges;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Tls;

namespace Switchboard.Edge.Tests.Hosting;

/// <summary>
/// Mutual TLS between an edge (an Orleans client configured by <see cref="EdgeClientConfigurator.ConfigureTls"/>) and a
/// real silo whose gateway requires a certificate from the cluster's CA (Cluster:Tls, issue 12 item 1).
/// </summary>
public sealed class EdgeClientConfiguratorTlsTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = new();
    private RunningSilo? _silo;

    private RunningSilo Silo => _silo ?? throw new InvalidOperationException("silo not started");

    public async Task InitializeAsync()
    {
        var settings = _ca.NodeSettings("silo-1");
        settings["Edge:Enabled"] = "false";
        _silo = await RunningSilo.StartAsync(settings: settings);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _ca.Dispose();
    }

    [Fact]
    public async Task Connect_CertificateFromClusterCa_CallsGrain()
    {
        using var client = await StartClientAsync(_ca.NodeSettings("edge-1", server: false));

        var edges = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IEdgeRosterGrain>(0).LiveEdges();

        Assert.Empty(edges);
    }

    [Fact]
    public async Task Connect_PemCertificateAndKeyFiles_CallsGrain()
    {
        var (certificate, key) = _ca.IssuePem("edge-pem", server: false);
        using var client = await StartClientAsync(new Dictionary<string, string?>
        {
            ["Cluster:Tls:CertificatePath"] = certificate,
            ["Cluster:Tls:KeyPath"] = key,
            ["Cluster:Tls:CaPath"] = _ca.CaPath,
        });

        var edges = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IEdgeRosterGrain>(0).LiveEdges();

        Assert.Empty(edges);
    }

    [Fact]
    public async Task Connect_Plaintext_Refused()
    {
        await AssertRefused(new Dictionary<string, string?>());
    }

    [Fact]
    public async Task Connect_TlsWithoutCertificate_Refused()
    {
        // A TLS client that trusts the silo but has nothing to show: the gateway asks for a certificate and gets none.
        await AssertRefused(new Dictionary<string, string?>(), client =>
            client.UseTls(o =>
            {
                o.ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.NoCertificate;
                o.AllowAnyRemoteCertificate();
            }));
    }

    [Fact]
    public async Task Connect_CertificateFromAnotherCa_Refused()
    {
        // An attacker's client: a certificate with the same subject from a CA with the same name, and no interest in
        // who the silo is. Only the issuer's key differs from the first test.
        using var rogue = new TestCertificateAuthority("Switchboard Test Cluster CA");
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(rogue.IssuePfx("edge-1", "rogue-pass", server: false), "rogue-pass");

        await AssertRefused(new Dictionary<string, string?>(), client =>
            client.UseTls(o =>
            {
                o.LocalCertificate = certificate;
                o.ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
                o.AllowAnyRemoteCertificate();
            }));
    }

    [Fact]
    public void ConfigureTls_PublicSipAddressWithoutTls_FailsNamingTheKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:ListenAddress"] = "203.0.113.10",
        }).Build();

        var ex = Assert.Throws<OptionsValidationException>(() => EdgeClientConfigurator.ConfigureTls(new TestClientBuilder(), configuration));

        Assert.Equal(
            "Configuration error: Cluster:Tls:CertificatePath and Cluster:Tls:CaPath are required when Sip:ListenAddress (203.0.113.10) "
            + "is not a loopback address: cluster traffic off this machine uses mutual TLS (docs/security.md)",
            ConfigurationFailure.Describe(ex));
    }

    /// <summary>
    /// The client never gets through the gateway: its start (which fetches the cluster's manifest, retrying every
    /// closed connection) is still waiting after 5 s, ten times what a certified client needs on this machine.
    /// </summary>
    private async Task AssertRefused(Dictionary<string, string?> settings, Action<IClientBuilder>? extra = null)
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StartClientAsync(settings, extra, TimeSpan.FromSeconds(5)));
    }

    /// <summary>An Orleans client on the silo's gateway with <paramref name="settings"/> as configuration.</summary>
    private async Task<IHost> StartClientAsync(Dictionary<string, string?> settings, Action<IClientBuilder>? extra = null, TimeSpan? bound = null)
    {
        settings["Sip:ListenAddress"] = "127.0.0.1";
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, int.Parse(Silo.Configuration["Cluster:GatewayPort"]!)));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = Silo.Configuration["Cluster:ClusterId"]!;
                o.ServiceId = "switchboard";
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            EdgeClientConfigurator.ConfigureTls(client, builder.Configuration);
            extra?.Invoke(client);
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(bound ?? TimeSpan.FromSeconds(20));
        try
        {
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private sealed class TestClientBuilder : IClientBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
