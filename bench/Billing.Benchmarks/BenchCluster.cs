using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;
using Switchboard.Silo.Hosting;
using Switchboard.Silo.Schema;

namespace Switchboard.Billing.Benchmarks;

/// <summary>
/// A one-silo in-process cluster configured by the production <see cref="SiloConfigurator"/>: in-memory stores, or a
/// fresh database on the PostgreSQL server named by <see cref="PostgresVariable"/>, migrated by the production
/// <see cref="SchemaMigrator"/> and dropped afterwards. The benchmarks' own setup, so they reference no test project.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    /// <summary>An admin connection string (may create databases); without it only the in-memory cases run.</summary>
    public const string PostgresVariable = "SWITCHBOARD_BENCH_POSTGRES";

    private readonly InProcessTestCluster _cluster;
    private readonly string? _adminConnectionString;
    private readonly string? _database;

    private BenchCluster(InProcessTestCluster cluster, string? adminConnectionString, string? database)
    {
        _cluster = cluster;
        _adminConnectionString = adminConnectionString;
        _database = database;
    }

    public static string? PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public IGrainFactory GrainFactory => _cluster.Client;

    public IServiceProvider SiloServices => _cluster.Silos[0].ServiceProvider;

    public static async Task<BenchCluster> StartAsync(bool postgres)
    {
        string? admin = null;
        string? database = null;
        string? connectionString = null;
        if (postgres)
        {
            admin = PostgresAdminConnectionString
                ?? throw new InvalidOperationException($"Set {PostgresVariable} to an admin connection string for the PostgreSQL cases");
            database = $"bench_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
            connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
            await new SchemaMigrator(connectionString, SchemaScript.DefaultDirectory, NullLogger<SchemaMigrator>.Instance)
                .MigrateAsync(CancellationToken.None);
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => SiloConfigurator.ConfigureApplication(silo, connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new BenchCluster(cluster, admin, database);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.StopAllSilosAsync();
        }
        finally
        {
            await _cluster.DisposeAsync();
        }

        if (_adminConnectionString is not null && _database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
