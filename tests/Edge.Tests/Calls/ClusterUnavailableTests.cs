using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Tests.Support;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Edge.Tests.Calls;

/// <summary>An edge whose cluster never answers: phones get 503 with Retry-After, quickly, and never a hang.</summary>
public sealed class ClusterUnavailableTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly Socket _phone = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private IHost _host = null!;
    private IPEndPoint _edge = null!;

    public async Task InitializeAsync()
    {
        _phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = FreePorts.Next();
        _edge = new IPEndPoint(IPAddress.Loopback, port);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Sip:NonceSecret"] = Convert.ToBase64String(new byte[32]),
            ["Sip:ClusterTimeoutMilliseconds"] = "300",
            ["Sip:RetryAfterSeconds"] = "7",
            ["Sip:DrainSeconds"] = "0",
            ["Media:PortMin"] = "38000",
            ["Media:PortMax"] = "38099",
        });
        builder.Services.AddSingleton<IGrainFactory>(new UnreachableGrainFactory());
        builder.Services.AddSwitchboardEdge(builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
        _phone.Dispose();
    }

    [Fact]
    public async Task Invite_ClusterSilent_503WithRetryAfterWithinTheGuardTimeouts()
    {
        var clock = Stopwatch.StartNew();
        await SendAsync(Invite("z9hG4bK-silent"));

        var final = await FinalResponseAsync();

        Assert.StartsWith("SIP/2.0 503", final, StringComparison.Ordinal);
        Assert.Contains("Retry-After: 7", final, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"503 took {clock.Elapsed}");
    }

    [Fact]
    public async Task Invite_ClusterKnownUnreachable_503AtOnceWithoutTrying()
    {
        var connectivity = _host.Services.GetRequiredService<ClusterConnectivity>();
        var deadline = Stopwatch.StartNew();
        while (!(connectivity.HasProbed && !connectivity.IsReachable) && deadline.Elapsed < Wait)
        {
            await Task.Delay(50);
        }

        Assert.False(connectivity.IsReachable);
        var clock = Stopwatch.StartNew();
        await SendAsync(Invite("z9hG4bK-known"));

        var first = await ReceiveAsync();

        Assert.StartsWith("SIP/2.0 503", first, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"503 took {clock.Elapsed}");
    }

    [Fact]
    public async Task Options_ClusterSilent_EdgeStillAnswers200()
    {
        await SendAsync(Invite("z9hG4bK-options").Replace("INVITE", "OPTIONS", StringComparison.Ordinal));

        Assert.StartsWith("SIP/2.0 200", await ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_Dropped_EdgeKeepsServing()
    {
        await _phone.SendToAsync("\u0001\u0002 not SIP at all\r\n\r\n"u8.ToArray(), SocketFlags.None, _edge);
        await SendAsync(Invite("z9hG4bK-after-garbage").Replace("INVITE", "OPTIONS", StringComparison.Ordinal));

        Assert.StartsWith("SIP/2.0 200", await ReceiveAsync(), StringComparison.Ordinal);
    }

    private string Invite(string branch)
    {
        var local = (IPEndPoint)_phone.LocalEndPoint!;
        return $"INVITE sip:1002@e2e.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch={branch};rport\r\n" +
            "Max-Forwards: 70\r\nTo: <sip:1002@e2e.test>\r\nFrom: <sip:1001@e2e.test>;tag=77\r\n" +
            $"Call-ID: {branch}@test\r\nCSeq: 1 INVITE\r\nContact: <sip:1001@127.0.0.1:{local.Port}>\r\nContent-Length: 0\r\n\r\n";
    }

    private Task SendAsync(string message) => _phone.SendToAsync(Encoding.ASCII.GetBytes(message), SocketFlags.None, _edge);

    private async Task<string> FinalResponseAsync()
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

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Wait);
        var result = await _phone.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes);
    }
}
