using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Postgres;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>
/// What <c>deploy/local/cluster.sh</c> starts, on free loopback ports: silos as their own OS processes on one fresh
/// PostgreSQL database, and a standalone edge whose Orleans client is configured by the edge host's own
/// <see cref="EdgeClientConfigurator"/>. The edge runs in the test process so the test can provision through its
/// client; the silos are processes so a test can kill one with SIGKILL.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<SiloNode> _silos = [];
    private IHost? _edge;

    private ProcessCluster(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; } = $"kill-{Guid.NewGuid():N}"[..16];

    public IReadOnlyList<SiloNode> Silos => _silos;

    /// <summary>What the edge logged: reachability changes, 503s, the Orleans client's warnings.</summary>
    public CapturedLog EdgeLog { get; } = new();

    public IGrainFactory Grains => Edge.Services.GetRequiredService<IGrainFactory>();

    /// <summary>host:port of the edge's SIP listener.</summary>
    public string EdgeAddress { get; private set; } = string.Empty;

    private IHost Edge => _edge ?? throw new InvalidOperationException("Edge not started");

    /// <summary>One silo, then the edge once that silo is ready.</summary>
    public static async Task<ProcessCluster> StartAsync()
    {
        var server = await PostgresServer.GetAsync();
        var cluster = new ProcessCluster(await server.CreateEmptyDatabaseAsync("kill"));
        try
        {
            await cluster.AddSiloAsync();
            await cluster.StartEdgeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo process and waits until it is ready and Active in the membership table.</summary>
    public async Task<SiloNode> AddSiloAsync()
    {
        var siloPort = FreePorts.Next();
        var process = NodeProcess.Start("Switchboard.Silo", new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Http:Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["Edge:Enabled"] = "false",

            // Probes, votes and evictions, so a failing test's output shows how the cluster saw the crash.
            ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
        });
        var node = new SiloNode(process, siloPort);
        _silos.Add(node);
        Assert.True(await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), process.Output);
        var active = await WaitForStatusAsync(node, SiloStatusActive, TimeSpan.FromSeconds(30));
        Assert.True(active is not null, $"silo on port {siloPort} never became Active\n{process.Output}");
        return node;
    }

    /// <summary>How long after <paramref name="since"/> the silo's row turned Dead, or null if not within <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan?> WaitUntilDeclaredDeadAsync(SiloNode silo, Stopwatch since, TimeSpan timeout) =>
        await WaitForStatusAsync(silo, SiloStatusDead, timeout) is not null ? since.Elapsed : null;

    public async ValueTask DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.StopAsync(TimeSpan.FromSeconds(10));
            _edge.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.Process.DisposeAsync();
        }
    }

    // Orleans' SiloStatus values as stored in OrleansMembershipTable.Status.
    private const int SiloStatusActive = 3;
    private const int SiloStatusDead = 6;

    private async Task StartEdgeAsync()
    {
        var sipPort = FreePorts.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = ClusterId,
            ["Sip:ListenAddress"] = "127.0.0.1",
            ["Sip:Port"] = sipPort.ToString(CultureInfo.InvariantCulture),
            ["Sip:EdgeId"] = "edge-kill",
            ["Sip:Md5ChallengeFirst"] = "true", // sipp answers only the first challenge, and only MD5
            ["Sip:NonceSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Media:Address"] = "127.0.0.1",
            ["Media:PortMin"] = "38000",
            ["Media:PortMax"] = "38999",
        });
        builder.Logging.AddProvider(EdgeLog).SetMinimumLevel(LogLevel.Information).AddFilter("Orleans", LogLevel.Warning);
        builder.UseOrleansClient(client => EdgeClientConfigurator.Configure(client, builder.Configuration, ConnectionString));
        builder.Services.AddSwitchboardEdge(builder.Configuration);
        _edge = builder.Build();
        await _edge.StartAsync();
        EdgeAddress = $"127.0.0.1:{sipPort}";

        var connectivity = _edge.Services.GetRequiredService<ClusterConnectivity>();
        var deadline = Stopwatch.StartNew();
        while (!(connectivity.HasProbed && connectivity.IsReachable) && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        Assert.True(connectivity.IsReachable && connectivity.HasProbed, "the edge never reached the cluster");
    }

    private async Task<int?> WaitForStatusAsync(SiloNode silo, int status, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        while (deadline.Elapsed < timeout)
        {
            await using var command = new NpgsqlCommand(
                "SELECT status FROM orleansmembershiptable WHERE deploymentid = $1 AND port = $2 ORDER BY generation DESC LIMIT 1",
                connection);
            command.Parameters.AddWithValue(ClusterId);
            command.Parameters.AddWithValue(silo.SiloPort);
            if (await command.ExecuteScalarAsync() is int current && current == status)
            {
                return current;
            }

            await Task.Delay(100);
        }

        return null;
    }
}
