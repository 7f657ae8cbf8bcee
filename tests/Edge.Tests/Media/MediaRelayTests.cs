using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Media;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Tests.Media;

public sealed class MediaRelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private MediaRelayTable _table = null!;
    private RtpPortPool _pool = null!;

    public Task InitializeAsync()
    {
        var first = 40000 + (Random.Shared.Next(0, 2000) * 2);
        _pool = new RtpPortPool(Options.Create(new MediaOptions { Address = "127.0.0.1", PortMin = first, PortMax = first + 99 }));
        _table = new MediaRelayTable(_pool, new EdgeMetrics(_services.GetRequiredService<IMeterFactory>()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _table.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Relay_CallerPacket_ReachesCalleeSignalledAddress()
    {
        using var caller = Bind();
        using var callee = Bind();
        var relay = _table.Open("call-a")!;
        relay.Callee.Signal(Endpoint(callee), moved: false);

        await caller.SendToAsync("rtp-1"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));

        var (payload, from) = await ReceiveAsync(callee);
        Assert.Equal("rtp-1", payload);
        Assert.Equal(relay.Callee.LocalRtpPort, from.Port);
    }

    [Fact]
    public async Task Relay_CallerBehindNat_LatchesOntoPacketSourceNotSdp()
    {
        using var natted = Bind();
        using var callee = Bind();
        var relay = _table.Open("call-nat")!;

        // The caller's SDP names a port nobody listens on, as a phone behind NAT would.
        relay.Caller.Signal(new IPEndPoint(IPAddress.Loopback, 9), moved: false);
        relay.Callee.Signal(Endpoint(callee), moved: false);

        await natted.SendToAsync("hello"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        await ReceiveAsync(callee);
        await callee.SendToAsync("answer"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Callee));

        var (payload, _) = await ReceiveAsync(natted);
        Assert.Equal("answer", payload);
        Assert.True(relay.Caller.Rtp.IsLatched);
        Assert.Equal(Endpoint(natted), relay.Caller.Rtp.Endpoint);
    }

    [Fact]
    public async Task Relay_SecondSourceAfterLatch_DoesNotHijackStream()
    {
        using var caller = Bind();
        using var intruder = Bind();
        using var callee = Bind();
        var relay = _table.Open("call-hijack")!;
        relay.Callee.Signal(Endpoint(callee), moved: false);

        await caller.SendToAsync("a"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        await ReceiveAsync(callee);
        await intruder.SendToAsync("b"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        await ReceiveAsync(callee);

        Assert.Equal(Endpoint(caller), relay.Caller.Rtp.Endpoint);
    }

    [Fact]
    public async Task Relay_Rtcp_ForwardedOnOddPort()
    {
        using var callerRtcp = Bind();
        using var calleeRtcp = Bind();
        var relay = _table.Open("call-rtcp")!;
        relay.Callee.Signal(new IPEndPoint(IPAddress.Loopback, Endpoint(calleeRtcp).Port - 1), moved: false);

        await callerRtcp.SendToAsync("rtcp"u8.ToArray(), SocketFlags.None, new IPEndPoint(IPAddress.Loopback, relay.Caller.LocalRtpPort + 1));

        var (payload, from) = await ReceiveAsync(calleeRtcp);
        Assert.Equal("rtcp", payload);
        Assert.Equal(relay.Callee.LocalRtpPort + 1, from.Port);
    }

    [Fact]
    public async Task Close_ReleasesPortsToPool()
    {
        _table.Open("call-close");
        Assert.Equal(2, _pool.InUse);

        await _table.CloseAsync("call-close");

        Assert.Equal(0, _pool.InUse);
        Assert.Null(_table.Find("call-close"));
    }

    [Fact]
    public async Task Open_SameCallTwice_ReturnsSameRelay()
    {
        var first = _table.Open("call-twice");
        var second = _table.Open("call-twice");

        Assert.Same(first, second);
        await _table.CloseAsync("call-twice");
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static IPEndPoint Endpoint(Socket socket) => (IPEndPoint)socket.LocalEndPoint!;

    private static IPEndPoint RelayEndpoint(MediaRelaySide side) => new(IPAddress.Loopback, side.LocalRtpPort);

    private static async Task<(string Payload, IPEndPoint From)> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[1500];
        using var timeout = new CancellationTokenSource(Wait);
        var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return (System.Text.Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
    }
}
