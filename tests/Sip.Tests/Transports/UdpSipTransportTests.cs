using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

public sealed class UdpSipTransportTests : IAsyncLifetime
{
    private readonly MessageSink _sink = new();
    private UdpSipTransport _transport = null!;

    public Task InitializeAsync()
    {
        _transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), 1500, _sink.Handler, NullLogger<UdpSipTransport>.Instance);
        _transport.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    [Fact]
    public async Task Receive_Datagram_DeliveredWithSourceEndPointForRport()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var message = MessageSink.Message();
        await client.SendAsync(Encoding.UTF8.GetBytes(message), _transport.LocalEndPoint!);

        var (text, source) = await _sink.NextAsync();
        Assert.Equal(message, text);
        Assert.Equal(SipTransportKind.Udp, source.Kind);

        // RFC 3581 §4: received/rport come from the packet's source address and port.
        Assert.Equal((IPEndPoint)client.Client.LocalEndPoint!, source.Remote);
        Assert.Equal(_transport.LocalEndPoint, source.Local);
        Assert.Equal(0, source.ConnectionId);
        Assert.Equal(1, _transport.Stats.MessagesReceived);
    }

    [Fact]
    public async Task Receive_SamePeerTwice_SharesOneRemoteEndPoint()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var other = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await peer.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), _transport.LocalEndPoint!);
        var (_, first) = await _sink.NextAsync();
        await other.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), _transport.LocalEndPoint!);
        var (_, between) = await _sink.NextAsync();
        await peer.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), _transport.LocalEndPoint!);
        var (_, second) = await _sink.NextAsync();

        // What a call keeps of each message's source is one object per party, not one per datagram.
        Assert.Same(first.Remote, second.Remote);
        Assert.NotSame(first.Remote, between.Remote);
        Assert.Equal((IPEndPoint)other.Client.LocalEndPoint!, between.Remote);
    }

    [Fact]
    public async Task Send_ToSource_ArrivesFromListeningPort()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), _transport.LocalEndPoint!);
        var (_, source) = await _sink.NextAsync();

        Assert.True(await _transport.SendAsync(Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\n\r\n"), source));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var reply = await client.ReceiveAsync(cts.Token);
        Assert.Equal("SIP/2.0 200 OK\r\n\r\n", Encoding.UTF8.GetString(reply.Buffer));

        // The response must leave from the socket the request reached, or a NAT would drop it (RFC 3581 §4).
        Assert.Equal(_transport.LocalEndPoint, reply.RemoteEndPoint);
        Assert.Equal(1, _transport.Stats.MessagesSent);
    }

    [Fact]
    public async Task Receive_OversizedDatagram_DroppedAndCountedThenNextDelivered()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[1501], _transport.LocalEndPoint!);
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), _transport.LocalEndPoint!);

        var (text, _) = await _sink.NextAsync();
        Assert.StartsWith("OPTIONS", text, StringComparison.Ordinal);
        Assert.Equal(1, _transport.Stats.OversizedDropped);
    }

    [Fact]
    public async Task Receive_CrlfKeepAlive_CountedNotDelivered()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync("\r\n\r\n"u8.ToArray(), _transport.LocalEndPoint!);
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), _transport.LocalEndPoint!);

        var (text, _) = await _sink.NextAsync();
        Assert.StartsWith("OPTIONS", text, StringComparison.Ordinal);
        Assert.Equal(1, _transport.Stats.KeepAlives);
        Assert.False(_sink.TryTake(out _));
    }

    [Fact]
    public async Task Receive_HandlerThrows_LoopKeepsRunning()
    {
        var calls = 0;
        var sink = new MessageSink();
        await using var transport = new UdpSipTransport(
            new IPEndPoint(IPAddress.Loopback, 0),
            1500,
            (message, source) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("handler bug");
                }

                sink.Handler(message, source);
            },
            NullLogger<UdpSipTransport>.Instance);
        transport.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("first")), transport.LocalEndPoint!);
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("second")), transport.LocalEndPoint!);

        var (text, _) = await sink.NextAsync();
        Assert.EndsWith("second", text, StringComparison.Ordinal);
        Assert.Equal(1, transport.Stats.HandlerFailures);
    }

    [Fact]
    public async Task Receive_SeveralLoops_ASlowMessageDoesNotHoldUpTheNext()
    {
        using var secondHandled = new ManualResetEventSlim();
        var firstSawSecond = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var transport = new UdpSipTransport(
            new IPEndPoint(IPAddress.Loopback, 0),
            1500,
            (message, _) =>
            {
                if (Encoding.UTF8.GetString(message.Span).EndsWith("first", StringComparison.Ordinal))
                {
                    // Handled synchronously up to here, as the edge handles a message up to its first await: with
                    // one loop the second datagram waits in the socket until this returns.
                    firstSawSecond.TrySetResult(secondHandled.Wait(TimeSpan.FromSeconds(5)));
                }
                else
                {
                    secondHandled.Set();
                }
            },
            NullLogger<UdpSipTransport>.Instance,
            receiveLoops: 2);
        transport.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("first")), transport.LocalEndPoint!);
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("second")), transport.LocalEndPoint!);

        Assert.True(await firstSawSecond.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Receive_SeveralLoops_EachDatagramDeliveredOnce()
    {
        const int Count = 400;
        var seen = new int[Count];
        var delivered = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var transport = new UdpSipTransport(
            new IPEndPoint(IPAddress.Loopback, 0),
            1500,
            (message, _) =>
            {
                var text = Encoding.UTF8.GetString(message.Span);
                Interlocked.Increment(ref seen[int.Parse(text[(text.LastIndexOf('\n') + 1)..], System.Globalization.CultureInfo.InvariantCulture)]);
                if (Interlocked.Increment(ref delivered) == Count)
                {
                    all.TrySetResult();
                }
            },
            NullLogger<UdpSipTransport>.Instance,
            socketBufferBytes: 1024 * 1024,
            receiveLoops: 4);
        transport.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < Count; i++)
        {
            await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message(i.ToString(System.Globalization.CultureInfo.InvariantCulture))), transport.LocalEndPoint!);
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(seen, n => Assert.Equal(1, n));
        Assert.Equal(Count, transport.Stats.MessagesReceived);
    }

    [Fact]
    public async Task Send_OverMaxMessageSize_FalseAndCounted()
    {
        var destination = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 9));
        Assert.False(await _transport.SendAsync(new byte[1501], destination));
        Assert.Equal(1, _transport.Stats.SendFailures);
    }

    [Fact]
    public async Task Send_Ipv6DestinationFromIpv4Socket_False()
    {
        var destination = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.IPv6Loopback, 5060));
        Assert.False(_transport.CanReach(destination.Remote));
        Assert.False(await _transport.SendAsync("x"u8.ToArray(), destination));
    }
}
