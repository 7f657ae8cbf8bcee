using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Silo.Hosting;
using Switchboard.TestKit.Postgres;

namespace Switchboard.TestKit.Hosting;

/// <summary>
/// The real silo host (<see cref="SiloHost"/>) started in-process on free loopback ports, embedded or with a fresh
/// PostgreSQL database: what `dotnet run --project src/Silo` runs, driven by configuration like an operator's.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private RunningSilo(WebApplication app, IReadOnlyDictionary<string, string?> configuration, string? connectionString)
    {
        App = app;
        Configuration = configuration;
        PostgresConnectionString = connectionString;
        HttpBaseAddress = new Uri(configuration["Http:Urls"]!.Split(';')[0]);
        SipPort = int.Parse(configuration["Sip:Port"]!);
    }

    public WebApplication App { get; }

    public IReadOnlyDictionary<string, string?> Configuration { get; }

    public string? PostgresConnectionString { get; }

    public Uri HttpBaseAddress { get; }

    public int SipPort { get; }

    public IServiceProvider Services => App.Services;

    public IGrainFactory GrainFactory => App.Services.GetRequiredService<IGrainFactory>();

    public HttpClient CreateHttpClient() => new() { BaseAddress = HttpBaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Starts a silo. <paramref name="settings"/> add or override configuration keys; <paramref name="configure"/>
    /// adds services after them (a fault to inject), as the host's own configure hook does.
    /// </summary>
    public static async Task<RunningSilo> StartAsync(
        bool postgres = false, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        string? connectionString = null;
        if (postgres)
        {
            var server = await PostgresServer.GetAsync();
            connectionString = await server.CreateEmptyDatabaseAsync("silo");
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}"[..20],
            ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
            ["Http:Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["Sip:Port"] = FreePorts.Next().ToString(),
            ["Sip:ListenAddress"] = "127.0.0.1",
            ["Media:Address"] = "127.0.0.1",
            ["Sip:NonceSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["ConnectionStrings:Postgres"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = await SiloHost.BuildAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            configure?.Invoke(builder);
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await app.StartAsync(timeout.Token);
        return new RunningSilo(app, configuration, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
