using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Edge.Hosting;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Edge.Tests.Support;

/// <summary>An edge host on a free loopback port in front of a given grain factory, plus a UDP socket playing a phone.</summary>
public sealed class EdgeTestHost : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly Socket _phone = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    private EdgeTestHost(IHost host, IPEndPoint edge)
    {
        Host = host;
        Edge = edge;
        _phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public IHost Host { get; }

    public IPEndPoint Edge { get; }

    /// <summary>Starts the edge; <paramref name="logs"/>, when given, receives everything it logs.</summary>
    public static async Task<EdgeTestHost> StartAsync(IGrainFactory grains, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var port = FreePorts.Next();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["Sip:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Sip:NonceSecret"] = Convert.ToBase64String(new byte[32]),
            ["Sip:DrainSeconds"] = "0",
            // Dozens of edges start in this one process; CallPathPrecompilerTests and the real processes of the
            // end-to-end tests run it.
            ["Sip:Precompile"] = "false",
            // Apart from the end-to-end tests' ranges: an edge keeps the relay ports it used until it stops.
            ["Media:PortMin"] = "34000",
            ["Media:PortMax"] = "34099",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton(grains);
        builder.Services.AddSwitchboardEdge(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new EdgeTestHost(host, new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>A minimal INVITE (RFC 3261 §8.1.1) from the phone socket, unique per branch.</summary>
    public string Invite(string branch, string method = "INVITE")
    {
        var local = (IPEndPoint)_phone.LocalEndPoint!;
        return $"{method} sip:1002@e2e.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch={branch};rport\r\n" +
            "Max-Forwards: 70\r\nTo: <sip:1002@e2e.test>\r\nFrom: <sip:1001@e2e.test>;tag=77\r\n" +
            $"Call-ID: {branch}@test\r\nCSeq: 1 {method}\r\nContact: <sip:1001@127.0.0.1:{local.Port}>\r\nContent-Length: 0\r\n\r\n";
    }

    public Task SendAsync(string message) => _phone.SendToAsync(Encoding.ASCII.GetBytes(message), SocketFlags.None, Edge);

    public Task SendAsync(byte[] datagram) => _phone.SendToAsync(datagram, SocketFlags.None, Edge);

    /// <summary>The first response that is not 1xx.</summary>
    public async Task<string> FinalResponseAsync()
    {
        while (true)
        {
            var response = await ReceiveAsync();
            if (!response.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return response;
            }
        }
    }

    public async Task<string> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Wait);
        var result = await _phone.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(TimeSpan.FromSeconds(10));
        Host.Dispose();
        _phone.Dispose();
    }
}
