using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

public sealed class StreamSipTransportTests : IAsyncLifetime
{
    private readonly MessageSink _sink = new();
    private readonly FakeTimeProvider _time = new();
    private readonly List<StreamSipTransport> _transports = [];
    private StreamSipTransport _server = null!;

    private static SipTransportOptions Options(int maxConnections = 100) => new()
    {
        MaxMessageSize = 2000,
        ConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxConnections = maxConnections,
    };

    private StreamSipTransport StartTcp(SipMessageHandler handler, SipTransportOptions? options = null)
    {
        var transport = StreamSipTransport.CreateTcp(new IPEndPoint(IPAddress.Loopback, 0), options ?? Options(), handler, _time, NullLogger<StreamSipTransport>.Instance);
        _transports.Add(transport);
        transport.Start();
        return transport;
    }

    public Task InitializeAsync()
    {
        _server = StartTcp(_sink.Handler);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }

    [Fact]
    public async Task Receive_MessageWrittenInPieces_DeliveredOnceWhole()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        var message = MessageSink.Message("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");
        for (var i = 0; i < message.Length; i += 37)
        {
            await client.WriteAsync(message.Substring(i, Math.Min(37, message.Length - i)));
        }

        var (text, source) = await _sink.NextAsync();
        Assert.Equal(message, text);
        Assert.Equal(SipTransportKind.Tcp, source.Kind);
        Assert.Equal(client.LocalEndPoint, source.Remote);
        Assert.NotEqual(0, source.ConnectionId);
    }

    [Fact]
    public async Task Receive_PipelinedMessagesInOneWrite_AllDeliveredInOrder()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync(MessageSink.Message("1") + MessageSink.Message("22") + MessageSink.Message("333"));

        Assert.EndsWith("\r\n\r\n1", (await _sink.NextAsync()).Text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n22", (await _sink.NextAsync()).Text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n333", (await _sink.NextAsync()).Text, StringComparison.Ordinal);
        Assert.Equal(3, _server.Stats.MessagesReceived);
    }

    [Fact]
    public async Task Send_ToInboundSource_ReusesTheInboundConnection()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync(MessageSink.Message());
        var (_, source) = await _sink.NextAsync();

        const string response = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";
        Assert.True(await _server.SendAsync(Encoding.UTF8.GetBytes(response), source));

        Assert.Equal(response, await client.ReadAsync(response.Length));
        Assert.Equal(1, _server.ConnectionCount);
        Assert.Equal(0, _server.Stats.ConnectionsOpened);
    }

    [Fact]
    public async Task Send_NoConnectionYet_ConnectsOnceAndReusesIt()
    {
        var clientSide = StartTcp(new MessageSink().Handler);
        var destination = new SipEndPoint(SipTransportKind.Tcp, _server.LocalEndPoint!);

        var sends = Enumerable.Range(0, 5).Select(i => clientSide.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message(i.ToString())), destination).AsTask());
        Assert.All(await Task.WhenAll(sends), Assert.True);

        var bodies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            bodies.Add((await _sink.NextAsync()).Text[^1..]);
        }

        Assert.Equal(["0", "1", "2", "3", "4"], bodies.Order());
        Assert.Equal(1, clientSide.Stats.ConnectionsOpened);
        Assert.Equal(1, _server.Stats.ConnectionsAccepted);
    }

    [Fact]
    public async Task Send_ClosedPort_FalseNotThrown()
    {
        var clientSide = StartTcp(new MessageSink().Handler);
        var unused = StartTcp(new MessageSink().Handler);
        var port = unused.LocalEndPoint!.Port;
        await unused.DisposeAsync();

        var ok = await clientSide.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, port)));
        Assert.False(ok);
        Assert.Equal(1, clientSide.Stats.SendFailures);
    }

    [Fact]
    public async Task Receive_MissingContentLength_DroppedCountedAndConnectionClosed()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync("OPTIONS sip:a SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");

        Assert.True(await client.WasClosedAsync());
        Assert.Equal(1, _server.Stats.MalformedDropped);
        Assert.Equal(0, _server.Stats.MessagesReceived);
        await MessageSink.EventuallyAsync(() => _server.ConnectionCount == 0);
    }

    [Theory]
    [InlineData("", "400 Missing Content-Length")]
    [InlineData("Content-Length: -1\r\n", "400 Invalid Content-Length")]
    [InlineData("Content-Length: 3\r\nl: 5\r\n", "400 Duplicate single-value header")]
    public async Task Receive_AnswerableRequestWithoutFraming_400ThenClosedNeverDelivered(string contentLength, string status)
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync("OPTIONS sip:edge@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-nolen\r\n" +
            $"From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:edge@127.0.0.1>\r\nCall-ID: nolen@test\r\nCSeq: 1 OPTIONS\r\n{contentLength}\r\n");

        // RFC 3261 §18.3: framing is lost for good, but the peer still learns why before the connection closes.
        var answer = await client.ReadAsync(4096);

        Assert.StartsWith($"SIP/2.0 {status}\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("Call-ID: nolen@test\r\n", answer, StringComparison.Ordinal);
        Assert.Equal(1, _server.Stats.MalformedDropped);
        Assert.False(_sink.TryTake(out _));
    }

    [Fact]
    public async Task Receive_DeclaredBodyOverLimit_ClosedBeforeBodyIsSent()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync("INVITE sip:a SIP/2.0\r\nContent-Length: 1000000\r\n\r\n");

        Assert.True(await client.WasClosedAsync());
        Assert.Equal(1, _server.Stats.OversizedDropped);
    }

    [Fact]
    public async Task KeepAlive_CrlfCrlfPing_AnsweredWithCrlfPong()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync("\r\n\r\n");

        Assert.Equal("\r\n", await client.ReadAsync(2));
        Assert.Equal(1, _server.Stats.KeepAlives);
    }

    [Fact]
    public async Task IdleTimeout_NoTrafficForTimeout_ConnectionClosed()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync(MessageSink.Message());
        await _sink.NextAsync();

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _server.ConnectionCount);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await client.WasClosedAsync());
        Assert.Equal(1, _server.Stats.IdleConnectionsClosed);
    }

    [Fact]
    public async Task Accept_OverMaxConnections_ExtraConnectionRejected()
    {
        var sink = new MessageSink();
        var server = StartTcp(sink.Handler, Options(maxConnections: 1));
        using var first = await TcpTestClient.ConnectAsync(server.LocalEndPoint!);
        await first.WriteAsync(MessageSink.Message());
        await sink.NextAsync();

        using var second = await TcpTestClient.ConnectAsync(server.LocalEndPoint!);
        Assert.True(await second.WasClosedAsync());
        Assert.Equal(1, server.Stats.ConnectionsRejected);
    }

    [Fact]
    public async Task Receive_HandlerThrows_ConnectionKeepsDelivering()
    {
        var calls = 0;
        var sink = new MessageSink();
        var server = StartTcp((message, source) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }

            sink.Handler(message, source);
        });
        using var client = await TcpTestClient.ConnectAsync(server.LocalEndPoint!);
        await client.WriteAsync(MessageSink.Message("a") + MessageSink.Message("b"));

        Assert.EndsWith("b", (await sink.NextAsync()).Text, StringComparison.Ordinal);
        Assert.Equal(1, server.Stats.HandlerFailures);
    }

    [Fact]
    public async Task Dispose_WithOpenConnections_ClosesThemAndReturns()
    {
        using var client = await TcpTestClient.ConnectAsync(_server.LocalEndPoint!);
        await client.WriteAsync(MessageSink.Message());
        await _sink.NextAsync();

        await _server.DisposeAsync();
        Assert.True(await client.WasClosedAsync());
        Assert.Equal(0, _server.ConnectionCount);
    }
}
