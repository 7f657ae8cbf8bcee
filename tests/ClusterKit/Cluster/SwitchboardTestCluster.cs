using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Switchboard.Silo.Hosting;
using Switchboard.TestKit.Postgres;

namespace Switchboard.TestKit.Cluster;

/// <summary>
/// An in-process Orleans cluster of several silos configured by the production <see cref="SiloConfigurator"/>,
/// with in-memory or PostgreSQL storage. Membership is the TestingHost's own (it cannot use ADO.NET); grain
/// state, reminders and domain tables go wherever the product would put them.
/// </summary>
public sealed class SwitchboardTestCluster : IAsyncDisposable
{
    private SwitchboardTestCluster(InProcessTestCluster cluster, string? postgresConnectionString)
    {
        Cluster = cluster;
        PostgresConnectionString = postgresConnectionString;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public IGrainFactory GrainFactory => Cluster.Client;

    /// <summary>The database of this cluster, or null for in-memory storage.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Starts <paramref name="silos"/> silos; with <paramref name="postgres"/> they get a fresh database.</summary>
    public static async Task<SwitchboardTestCluster> StartAsync(
        short silos = 2,
        bool postgres = false,
        Action<ISiloBuilder>? configureSilo = null)
    {
        string? connectionString = null;
        if (postgres)
        {
            var server = await PostgresServer.GetAsync();
            connectionString = await server.CreateDatabaseAsync("cluster");
        }

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            SiloConfigurator.ConfigureApplication(silo, connectionString);
            configureSilo?.Invoke(silo);
        });

        // An external client waits the full response timeout for a call into a dead silo; keep it short in tests.
        builder.ConfigureClient(client =>
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SwitchboardTestCluster(cluster, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }
}
