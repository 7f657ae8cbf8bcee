using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transactions;

/// <summary>
/// RFC 3261 §18.1.1 on 127.0.0.1: a client transaction layer over a real UDP+TCP hub sends to a peer that has a UDP
/// socket and, unless the test says otherwise, a TCP listener on the same port. Large requests arrive over TCP with a
/// TCP Via; small ones, and large ones to a peer without TCP, over UDP.
/// </summary>
public sealed class LargeRequestOverTransportTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SipTransportHub _hub;
    private readonly SipTransactionLayer _layer;
    private readonly SipParser _parser = new();
    private readonly Socket _peerUdp = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private TcpListener? _peerTcp;

    public LargeRequestOverTransportTests()
    {
        _hub = SipTransportHub.Create(Options.Create(new SipTransportOptions { Port = 0 }), OnMessage, TimeProvider.System);
        _layer = new SipTransactionLayer(Options.Create(new SipTransactionOptions()), _hub.SendAsync, TimeProvider.System, _parser);
        _hub.Start();
    }

    [Fact]
    public async Task SendRequest_OverTheLimitToUdp_ArrivesOverTcpWithTcpViaAndCompletes()
    {
        var peer = Peer(withTcp: true);
        using var request = BuildOptions(peer, padding: 1500);

        var tx = _layer.SendRequest(request, new SipEndPoint(SipTransportKind.Udp, peer));
        using var connection = await _peerTcp!.AcceptTcpClientAsync(new CancellationTokenSource(Wait).Token);
        var received = await ReadMessageAsync(connection.GetStream());
        await connection.GetStream().WriteAsync(Ok(received));
        var result = await tx.Completion.WaitAsync(Wait);

        Assert.True(tx.SwitchedToTcp);
        Assert.Contains("Via: SIP/2.0/TCP 127.0.0.1", received, StringComparison.Ordinal);
        Assert.Equal(SipClientOutcome.Response, result.Outcome);
        Assert.Equal(200, result.Response!.StatusCode);
        Assert.Equal(0, _peerUdp.Available);
        result.Response.Dispose();
    }

    [Fact]
    public async Task SendRequest_OverTheLimitToPeerWithoutTcp_FallsBackToUdp()
    {
        var peer = Peer(withTcp: false);
        using var request = BuildOptions(peer, padding: 1500);

        var tx = _layer.SendRequest(request, new SipEndPoint(SipTransportKind.Udp, peer));
        var received = await ReceiveUdpAsync();

        Assert.False(tx.SwitchedToTcp);
        Assert.Equal(SipTransportKind.Udp, tx.RemoteEndPoint.Kind);
        Assert.StartsWith("OPTIONS ", received, StringComparison.Ordinal);
        Assert.Contains("Via: SIP/2.0/UDP 127.0.0.1", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendRequest_UnderTheLimit_StaysOnUdp()
    {
        var peer = Peer(withTcp: true);
        using var request = BuildOptions(peer, padding: 0);

        var tx = _layer.SendRequest(request, new SipEndPoint(SipTransportKind.Udp, peer));
        var received = await ReceiveUdpAsync();

        Assert.False(tx.SwitchedToTcp);
        Assert.Contains("Via: SIP/2.0/UDP 127.0.0.1", received, StringComparison.Ordinal);
        Assert.False(_peerTcp!.Pending());
    }

    public async ValueTask DisposeAsync()
    {
        _layer.Dispose();
        await _hub.DisposeAsync();
        _peerUdp.Dispose();
        _peerTcp?.Stop();
    }

    /// <summary>Binds the peer's UDP socket and, when asked, a TCP listener on the same port number.</summary>
    private IPEndPoint Peer(bool withTcp)
    {
        _peerUdp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endPoint = (IPEndPoint)_peerUdp.LocalEndPoint!;
        if (withTcp)
        {
            _peerTcp = new TcpListener(endPoint);
            _peerTcp.Start();
        }

        return endPoint;
    }

    private SipRequest BuildOptions(IPEndPoint peer, int padding)
    {
        var local = _hub.Transports[0].LocalEndPoint!;
        var builder = new SipRequestBuilder(SipMethod.Options, SipUri.Parse($"sip:{peer}"))
            .AddVia("UDP", "127.0.0.1", local.Port)
            .WithFrom(new NameAddress(SipUri.Parse("sip:probe@127.0.0.1")) { Tag = SipIdGenerator.NewTag() })
            .WithTo(NameAddress.Parse($"<sip:{peer}>"))
            .WithCallId(SipIdGenerator.NewCallId())
            .WithCSeq(1);
        if (padding > 0)
        {
            builder.WithBody(Encoding.ASCII.GetBytes(new string('x', padding)), "text/plain");
        }

        return builder.Build();
    }

    private async Task<string> ReceiveUdpAsync()
    {
        var buffer = new byte[4096];
        var result = await _peerUdp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), new CancellationTokenSource(Wait).Token);
        return Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes);
    }

    /// <summary>Reads one whole message (headers, then Content-Length bytes of body) from the peer's TCP connection.</summary>
    private static async Task<string> ReadMessageAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "the connection closed before a whole request arrived");
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var all = text.ToString();
            var headersEnd = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var length = System.Text.RegularExpressions.Regex.Match(all, @"Content-Length: (\d+)");
            if (headersEnd > 0 && length.Success && all.Length >= headersEnd + 4 + int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            {
                return all;
            }
        }
    }

    /// <summary>A 200 for <paramref name="request"/>: its Via, From, To (with a tag), Call-ID and CSeq copied (§8.2.6.2).</summary>
    private static byte[] Ok(string request)
    {
        var lines = request[..request.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        string Header(string name) => lines.First(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        return Encoding.ASCII.GetBytes($"SIP/2.0 200 OK\r\n{Header("Via")}\r\n{Header("From")}\r\n{Header("To")};tag=peer\r\n" +
            $"{Header("Call-ID")}\r\n{Header("CSeq")}\r\nContent-Length: 0\r\n\r\n");
    }

    private void OnMessage(ReadOnlyMemory<byte> bytes, SipEndPoint source)
    {
        var parsed = _parser.ParseDatagram(bytes);
        if (parsed.Status == SipParseStatus.Complete)
        {
            using var message = parsed.Message!;
            _layer.Process(message, source);
        }
    }
}
