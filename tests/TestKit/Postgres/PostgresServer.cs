using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Switchboard.TestKit.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run: initdb in a temp folder, a free loopback port,
/// stopped and deleted when the process exits. Tests ask it for fresh empty databases; the cluster kit's
/// <c>SchemaApplier.CreateDatabaseAsync</c> adds the product's schema. There is no fallback: without the binaries
/// every test that needs it fails, naming the package.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databaseCounter;

    private readonly string _binDirectory;
    private readonly string _dataDirectory;

    private PostgresServer(string binDirectory, string root, int port)
    {
        _binDirectory = binDirectory;
        Root = root;
        _dataDirectory = Path.Combine(root, "data");
        Port = port;
    }

    public string Root { get; }

    public int Port { get; }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=15";

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string prefix = "sb")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=40;Timeout=15";
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = PostgresBinaries.FindDirectory();
        var root = Path.Combine(Path.GetTempPath(), $"switchboard-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(bin, root, FreeLoopbackPort());
        await server.InitAndStartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private async Task InitAndStartAsync()
    {
        // initdb refuses to run as root; under root (CI containers) the server runs as the postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await PostgresProcess.RunAsync("chown", ["postgres:postgres", Root], asUser: null);
        }

        var user = asRoot ? "postgres" : null;
        await PostgresProcess.RunAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", _dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], user);
        await PostgresProcess.RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", _dataDirectory, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60", "-o",
             $"-p {Port} -k {Root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
             "start"], user);
    }

    /// <summary>
    /// <c>pg_ctl restart -m fast</c>: every connection is dropped and the server comes back on the same port, as an
    /// operator's restart or a failover looks to clients. For fault tests; other tests' pools reconnect.
    /// </summary>
    public async Task RestartAsync()
    {
        var user = Environment.UserName == "root" ? "postgres" : null;
        await PostgresProcess.RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", _dataDirectory, "-l", Path.Combine(Root, "server.log"), "-m", "fast", "-w", "-t", "60", "restart"], user);

        // Pooled connections of this process all died; the next test must not draw one.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private void Stop()
    {
        try
        {
            var user = Environment.UserName == "root" ? "postgres" : null;
            PostgresProcess.RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], user)
                .Wait(TimeSpan.FromSeconds(20));
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AggregateException or InvalidOperationException)
        {
            Debug.WriteLine($"Could not remove test PostgreSQL at {Root}: {ex.Message}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
