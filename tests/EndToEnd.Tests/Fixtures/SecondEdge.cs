using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Edge.Hosting;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>
/// A second SIP edge in the test process: its own listeners, transactions, relays and edge id, sharing only the
/// cluster (the silo's grain factory) and the nonce secret, as a second edge process would.
/// </summary>
public sealed class SecondEdge : IAsyncDisposable
{
    private readonly IHost _host;

    private SecondEdge(IHost host, int port)
    {
        _host = host;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The edge's services, for a test that looks inside it (e.g. its trunk health).</summary>
    public IServiceProvider Services => _host.Services;

    /// <param name="settings">Configuration on top of the defaults below (e.g. trunk pinging).</param>
    public static async Task<SecondEdge> StartAsync(RunningSilo silo, IDictionary<string, string?>? settings = null)
    {
        var port = FreePorts.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["Sip:ListenAddress"] = "127.0.0.1",
            ["Sip:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Sip:EdgeId"] = "edge-second",
            ["Sip:NonceSecret"] = silo.Configuration["Sip:NonceSecret"],
            ["Media:Address"] = "127.0.0.1",
            ["Media:PortMin"] = "37000",
            ["Media:PortMax"] = "37999",
            ["Sip:TrunkPingSeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(silo.GrainFactory);
        builder.Services.AddSwitchboardEdge(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new SecondEdge(host, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
