using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Media;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Media;

public sealed class MediaRelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private MediaRelayTable _table = null!;
    private EdgeMetrics _metrics = null!;
    private const int RangeSize = 100;
    private RtpPortPool _pool = null!;
    private RtpPortPool? _countedPool;
    private int _first;

    public Task InitializeAsync()
    {
        // 63000-65499: above Linux's ephemeral ports (32768-60999), so the spray test hits only this relay's sockets.
        _first = 63000 + (Random.Shared.Next(0, 25) * RangeSize);
        _pool = new RtpPortPool(Range(_first, RangeSize / 2));
        _metrics = new EdgeMetrics(_services.GetRequiredService<IMeterFactory>());
        _table = new MediaRelayTable(_pool, _metrics);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _table.DisposeAsync();
        _pool.Dispose();
        _countedPool?.Dispose();
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
    public async Task Relay_SecondSourceAfterLatch_IsDroppedNotForwarded()
    {
        using var caller = Bind();
        using var intruder = Bind();
        using var callee = Bind();
        var relay = _table.Open("call-hijack")!;
        relay.Callee.Signal(Endpoint(callee), moved: false);

        await caller.SendToAsync("a"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        Assert.Equal("a", (await ReceiveAsync(callee)).Payload);
        await intruder.SendToAsync("b"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        await caller.SendToAsync("c"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));

        Assert.Equal("c", (await ReceiveAsync(callee)).Payload);
        Assert.Equal(Endpoint(caller), relay.Caller.Rtp.Endpoint);
        Assert.Equal(1, relay.PacketsDropped);
    }

    [Fact]
    public async Task Relay_SignalledAddress_TakesOverFromAnIntruderThatSentFirst()
    {
        using var caller = Bind();
        using var intruder = Bind();
        using var callee = Bind();
        var relay = _table.Open("call-race")!;
        relay.Caller.Signal(Endpoint(caller), moved: false);
        relay.Callee.Signal(Endpoint(callee), moved: false);

        // The intruder wins the race for the first packet, then the party its SDP named speaks.
        await intruder.SendToAsync("x"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        await ReceiveAsync(callee);
        await caller.SendToAsync("a"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        Assert.Equal("a", (await ReceiveAsync(callee)).Payload);
        await intruder.SendToAsync("y"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        await callee.SendToAsync("answer"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Callee));

        Assert.Equal("answer", (await ReceiveAsync(caller)).Payload);
        Assert.Null(await ReceiveOrNothingAsync(intruder, TimeSpan.FromMilliseconds(300)));
        Assert.Null(await ReceiveOrNothingAsync(callee, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(Endpoint(caller), relay.Caller.Rtp.Endpoint);
    }

    [Fact]
    public async Task Relay_ThirdPartySprayingThePortRange_NeitherHearsNorInjects()
    {
        using var natted = Bind();
        using var callee = Bind();
        using var sprayer = Bind("127.0.0.9");
        var relay = _table.Open("call-spray")!;

        // The caller is behind NAT (its SDP names a port nobody listens on): the harder case, latched by first packet.
        relay.Caller.Signal(new IPEndPoint(IPAddress.Loopback, 9), moved: false);
        relay.Callee.Signal(Endpoint(callee), moved: false);
        await natted.SendToAsync("c0"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        Assert.Equal("c0", (await ReceiveAsync(callee)).Payload);
        await callee.SendToAsync("e0"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Callee));
        Assert.Equal("e0", (await ReceiveAsync(natted)).Payload);

        // Every port of the relay range, RTP and RTCP, three times, interleaved with the call's own packets. Nobody
        // has sent RTCP yet, so the RTCP ports are still open to a first source: the sprayer must not become it.
        for (var round = 1; round <= 3; round++)
        {
            for (var port = _first; port <= _first + RangeSize - 1; port++)
            {
                await sprayer.SendToAsync("spray"u8.ToArray(), SocketFlags.None, new IPEndPoint(IPAddress.Loopback, port));
            }

            await natted.SendToAsync(System.Text.Encoding.ASCII.GetBytes($"c{round}"), SocketFlags.None, RelayEndpoint(relay.Caller));
            await callee.SendToAsync(System.Text.Encoding.ASCII.GetBytes($"e{round}"), SocketFlags.None, RelayEndpoint(relay.Callee));
        }

        Assert.Equal(["c1", "c2", "c3"], await DrainAsync(callee));
        Assert.Equal(["e1", "e2", "e3"], await DrainAsync(natted));
        Assert.Empty(await DrainAsync(sprayer));
        Assert.Equal(3 * 4, relay.PacketsDropped);
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
    public async Task Relay_SrtpAndSrtcp_ForwardedByteForByte()
    {
        using var callerRtp = Bind();
        using var callerRtcp = Bind();
        var (callee, calleeRtcp) = BindPair();
        using var calleeRtpSocket = callee;
        using var calleeRtcpSocket = calleeRtcp;
        var relay = _table.Open("call-srtp")!;
        relay.Callee.Signal(Endpoint(callee), moved: false);

        // SRTP (RFC 3711 §3.1): a clear RTP header, then ciphertext and a 10-byte auth tag the relay cannot check;
        // SRTCP (§3.4): a clear first 8 bytes, ciphertext, the E flag and index, the tag. Neither is touched.
        var srtp = SrtpLike(header: [0x80, 0x00, 0x12, 0x34, 0, 0, 0, 160, 0xCA, 0xFE, 0xBA, 0xBE], 170);
        var srtcp = SrtpLike(header: [0x80, 0xC8, 0x00, 0x06, 0xCA, 0xFE, 0xBA, 0xBE], 52);
        await callerRtp.SendToAsync(srtp, SocketFlags.None, RelayEndpoint(relay.Caller));
        Assert.Equal(srtp, await ReceiveBytesAsync(callee));
        await callerRtcp.SendToAsync(srtcp, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, relay.Caller.LocalRtpPort + 1));
        Assert.Equal(srtcp, await ReceiveBytesAsync(calleeRtcp));
    }

    [Fact]
    public async Task Relay_IdleAfterTrafficEveryWay_HoldsNoBorrowedBufferAndDoesNotSpin()
    {
        var buffers = new CountingArrayPool();
        await using var relay = OpenRelay("call-idle", buffers);
        var (callerRtp, callerRtcp) = BindPair();
        var (calleeRtp, calleeRtcp) = BindPair();
        using var sockets = new SocketSet(callerRtp, callerRtcp, calleeRtp, calleeRtcp);
        relay.Caller.Signal(Endpoint(callerRtp), moved: false);
        relay.Callee.Signal(Endpoint(calleeRtp), moved: false);

        // One packet each way on RTP and RTCP: all four loops have woken and borrowed a buffer once.
        await callerRtp.SendToAsync("c-rtp"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        Assert.Equal("c-rtp", (await ReceiveAsync(calleeRtp)).Payload);
        await callerRtcp.SendToAsync("c-rtcp"u8.ToArray(), SocketFlags.None, RelayRtcpEndpoint(relay.Caller));
        Assert.Equal("c-rtcp", (await ReceiveAsync(calleeRtcp)).Payload);
        await calleeRtp.SendToAsync("e-rtp"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Callee));
        Assert.Equal("e-rtp", (await ReceiveAsync(callerRtp)).Payload);
        await calleeRtcp.SendToAsync("e-rtcp"u8.ToArray(), SocketFlags.None, RelayRtcpEndpoint(relay.Callee));
        Assert.Equal("e-rtcp", (await ReceiveAsync(callerRtcp)).Payload);

        Assert.True(await EventuallyAsync(() => buffers.Outstanding == 0), $"{buffers.Outstanding} buffers still borrowed by an idle relay");
        Assert.Equal(4, buffers.Rented);

        // Idle, the loops wait in the kernel: a peek that completed without a datagram would borrow again and again.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(4, buffers.Rented);
        Assert.Equal(0, buffers.Outstanding);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Relay_BurstQueuedBehindAWokenLoop_AllForwardedInOrderIntact(bool rtcp)
    {
        const int Count = 80;
        var buffers = new CountingArrayPool();
        await using var relay = OpenRelay(rtcp ? "call-burst-rtcp" : "call-burst-rtp", buffers);
        using var caller = Bind();
        var (calleeRtp, calleeRtcp) = BindPair();
        using var sockets = new SocketSet(calleeRtp, calleeRtcp);
        relay.Callee.Signal(Endpoint(calleeRtp), moved: false);
        var target = rtcp ? RelayRtcpEndpoint(relay.Caller) : RelayEndpoint(relay.Caller);
        var packets = Enumerable.Range(0, Count).Select(sequence => Numbered(sequence, 172)).ToArray();

        // The first packet wakes the loop, which is then held before it takes anything while the rest queue behind
        // it: more than one wake-up's worth, so the loop drains the queue over several rounds.
        buffers.Hold();
        await caller.SendToAsync(packets[0], SocketFlags.None, target);
        Assert.True(await buffers.WaitForParkedAsync(Wait), "the loop did not wake for the first packet");
        foreach (var packet in packets[1..])
        {
            await caller.SendToAsync(packet, SocketFlags.None, target);
        }

        buffers.Release();

        var receiver = rtcp ? calleeRtcp : calleeRtp;
        foreach (var packet in packets)
        {
            Assert.Equal(packet, await ReceiveBytesAsync(receiver));
        }

        Assert.True(await EventuallyAsync(() => relay.PacketsForwarded == Count && buffers.Outstanding == 0));
        Assert.True(buffers.Rented < Count, $"{buffers.Rented} borrows for {Count} queued packets: the queue was not drained per wake-up");
    }

    [Fact]
    public async Task Relay_OversizeDatagram_DroppedNotForwardedTruncated()
    {
        using var caller = Bind();
        using var callee = Bind();
        var relay = _table.Open("call-oversize")!;
        relay.Callee.Signal(Endpoint(callee), moved: false);

        // Over the relay's 2048-byte limit (no RTP packet on a 1500-byte MTU path is): cut, it would be garbage.
        await caller.SendToAsync(new byte[3000], SocketFlags.None, RelayEndpoint(relay.Caller));
        await caller.SendToAsync("next"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));

        Assert.Equal("next", (await ReceiveAsync(callee)).Payload);
    }

    [Fact]
    public async Task Dispose_AfterTraffic_ReturnsPortsAndDropsLatePackets()
    {
        var buffers = new CountingArrayPool();
        var relay = OpenRelay("call-stop", buffers);
        using var caller = Bind();
        using var callee = Bind();
        relay.Callee.Signal(Endpoint(callee), moved: false);
        await caller.SendToAsync("a"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        Assert.Equal("a", (await ReceiveAsync(callee)).Payload);
        var callerSide = RelayEndpoint(relay.Caller);

        await relay.DisposeAsync();

        Assert.Equal(0, _countedPool!.InUse);
        // The port stays bound for the next call, and its loop takes the late packet and lets it go.
        await caller.SendToAsync("late"u8.ToArray(), SocketFlags.None, callerSide);
        Assert.Null(await ReceiveOrNothingAsync(callee, TimeSpan.FromMilliseconds(300)));
        Assert.True(await EventuallyAsync(() => buffers.Rented == 2 && buffers.Outstanding == 0), $"{buffers.Rented} borrowed, {buffers.Outstanding} outstanding");
        Assert.Equal(1, relay.PacketsForwarded);
    }

    [Fact]
    public async Task Ports_KeptBetweenCalls_DropPacketsUntilTheNextCallHoldsThem()
    {
        // A range of two pairs: the second call gets the first call's ports back, still bound.
        using var pool = new RtpPortPool(Range(_first + RangeSize - 4, 4));
        var table = new MediaRelayTable(pool, _metrics);
        using var oldCaller = Bind();
        using var newCaller = Bind("127.0.0.2");
        using var callee = Bind();
        var first = table.Open("call-1")!;
        var ports = (first.Caller.LocalRtpPort, first.Callee.LocalRtpPort);
        first.Caller.Signal(Endpoint(oldCaller), moved: false);
        first.Callee.Signal(Endpoint(callee), moved: false);
        await table.CloseAsync("call-1");

        // Between the calls the ports are detached: the old caller's late packet goes nowhere.
        await oldCaller.SendToAsync("old"u8.ToArray(), SocketFlags.None, new IPEndPoint(IPAddress.Loopback, ports.Item1));
        await oldCaller.SendToAsync("old"u8.ToArray(), SocketFlags.None, new IPEndPoint(IPAddress.Loopback, ports.Item2));
        Assert.Null(await ReceiveOrNothingAsync(callee, TimeSpan.FromMilliseconds(300)));

        var second = table.Open("call-2")!;
        // The very sockets of the first call, not new ones bound to the same ports.
        Assert.Equal(
            new[] { first.Caller.Ports, first.Callee.Ports }.OrderBy(p => p.RtpPort),
            new[] { second.Caller.Ports, second.Callee.Ports }.OrderBy(p => p.RtpPort),
            ReferenceEqualityComparer.Instance);
        second.Caller.Signal(Endpoint(newCaller), moved: false);
        second.Callee.Signal(Endpoint(callee), moved: false);
        await newCaller.SendToAsync("new"u8.ToArray(), SocketFlags.None, RelayEndpoint(second.Caller));

        Assert.Equal(["new"], await DrainAsync(callee));
        Assert.Equal(0, first.PacketsForwarded);
        Assert.Equal(1, second.PacketsForwarded);
        await table.DisposeAsync();
    }

    [Fact]
    public async Task Relay_FaultWhileForwarding_PortKeepsServing()
    {
        var buffers = new CountingArrayPool();
        await using var relay = OpenRelay("call-fault", buffers);
        using var caller = Bind();
        using var callee = Bind();
        relay.Caller.Signal(Endpoint(caller), moved: false);
        relay.Callee.Signal(Endpoint(callee), moved: false);

        buffers.FailNextRent();
        await caller.SendToAsync("lost"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));
        Assert.True(await EventuallyAsync(() => relay.Caller.Ports.Rtp.Faults == 1), "the fault was not met");
        await caller.SendToAsync("next"u8.ToArray(), SocketFlags.None, RelayEndpoint(relay.Caller));

        // The faulted round lost nothing queued: both datagrams were still in the socket and go on.
        Assert.Equal(["lost", "next"], await DrainAsync(callee));
        Assert.False(relay.Caller.Ports.Rtp.Loop.IsCompleted);
    }

    [Fact]
    public void PoolDispose_ClosesThePortsItKept()
    {
        var pool = new RtpPortPool(Range(_first + RangeSize - 2, 2));
        var port = pool.Allocate()!.RtpPort;

        pool.Dispose();

        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, port));
        Assert.Null(pool.Allocate());
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

    /// <summary>A UDP socket on <paramref name="address"/> (any of 127/8 is loopback on Linux: another host to the relay).</summary>
    private static Socket Bind(string address = "127.0.0.1")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return socket;
    }

    /// <summary>Two loopback sockets on an RTP port and the RTCP port after it (RFC 3550 §11), taken within 20 tries.</summary>
    private static (Socket Rtp, Socket Rtcp) BindPair()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var rtp = Bind();
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, Endpoint(rtp).Port + 1));
                return (rtp, rtcp);
            }
            catch (Exception ex) when (ex is SocketException or ArgumentOutOfRangeException)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }

        throw new InvalidOperationException("No free pair of adjacent loopback UDP ports in 20 tries");
    }

    /// <summary>A relay outside the table on ports whose loops borrow their buffers from <paramref name="buffers"/>.</summary>
    private MediaRelay OpenRelay(string callId, CountingArrayPool buffers)
    {
        _countedPool = new RtpPortPool(Range(_first + (RangeSize / 2), RangeSize / 4), buffers);
        return new(callId, _countedPool.Allocate()!, _countedPool.Allocate()!, _metrics);
    }

    private static IOptions<MediaOptions> Range(int first, int size) =>
        Options.Create(new MediaOptions { Address = "127.0.0.1", PortMin = first, PortMax = first + size - 1 });

    /// <summary>Whether <paramref name="condition"/> holds within <see cref="Wait"/>, checked every 10 ms.</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > Wait)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        return true;
    }

    /// <summary>A packet of <paramref name="length"/> random bytes starting with its sequence number.</summary>
    private static byte[] Numbered(int sequence, int length)
    {
        var packet = new byte[length];
        Random.Shared.NextBytes(packet);
        BitConverter.TryWriteBytes(packet, sequence);
        return packet;
    }

    private static IPEndPoint Endpoint(Socket socket) => (IPEndPoint)socket.LocalEndPoint!;

    private static IPEndPoint RelayRtcpEndpoint(MediaRelaySide side) => new(IPAddress.Loopback, side.LocalRtpPort + 1);

    private static IPEndPoint RelayEndpoint(MediaRelaySide side) => new(IPAddress.Loopback, side.LocalRtpPort);

    /// <summary>The next datagram's payload, or null when none comes within <paramref name="wait"/>.</summary>
    private static async Task<string?> ReceiveOrNothingAsync(Socket socket, TimeSpan wait)
    {
        var buffer = new byte[1500];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Every payload that arrives until the socket has been quiet for half a second.</summary>
    private static async Task<List<string>> DrainAsync(Socket socket)
    {
        var payloads = new List<string>();
        while (payloads.Count < 1000 && await ReceiveOrNothingAsync(socket, TimeSpan.FromMilliseconds(500)) is { } payload)
        {
            payloads.Add(payload);
        }

        return payloads;
    }

    /// <summary>A packet of <paramref name="length"/> bytes: <paramref name="header"/>, then random bytes standing for ciphertext and tag.</summary>
    private static byte[] SrtpLike(byte[] header, int length)
    {
        var packet = new byte[length];
        header.CopyTo(packet, 0);
        Random.Shared.NextBytes(packet.AsSpan(header.Length));
        return packet;
    }

    private static async Task<byte[]> ReceiveBytesAsync(Socket socket)
    {
        var buffer = new byte[1500];
        using var timeout = new CancellationTokenSource(Wait);
        var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return buffer[..result.ReceivedBytes];
    }

    private static async Task<(string Payload, IPEndPoint From)> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[1500];
        using var timeout = new CancellationTokenSource(Wait);
        var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return (System.Text.Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
    }

    /// <summary>Disposes the test's sockets together.</summary>
    private sealed class SocketSet(params Socket[] sockets) : IDisposable
    {
        public void Dispose()
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
