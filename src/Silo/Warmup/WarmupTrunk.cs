using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Silo.Warmup;

/// <summary>
/// The carrier the warm-up's calls go out to: a UDP socket on 127.0.0.1 that answers every INVITE at once (180,
/// then 200 with an SDP answer) and every other request with 200. It never sends requests of its own.
/// </summary>
internal sealed class WarmupTrunk : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public WarmupTrunk()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Local = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint Local { get; }

    /// <summary>INVITEs answered.</summary>
    public int Answered => _tags.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65_535];
        var any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                // An ICMP error for an earlier datagram (the peer's port closed): the next datagram is still good.
                continue;
            }

            var message = new WarmupMessage(Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes));
            if (message.IsResponse || message.Method is "" or "ACK")
            {
                continue;
            }

            var from = received.RemoteEndPoint;
            if (message.Method == "INVITE")
            {
                var tag = _tags.GetOrAdd(message.CallId, _ => Guid.NewGuid().ToString("N")[..12]);
                await SendAsync(Response(message, 180, "Ringing", tag, sdp: false), from);
                await SendAsync(Response(message, 200, "OK", tag, sdp: true), from);
            }
            else
            {
                await SendAsync(Response(message, 200, "OK", tag: null, sdp: false), from);
            }
        }
    }

    private Task SendAsync(string text, EndPoint to) =>
        _socket.SendToAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, to, _stop.Token).AsTask();

    private string Response(WarmupMessage request, int status, string reason, string? tag, bool sdp)
    {
        var text = new StringBuilder($"SIP/2.0 {status} {reason}\r\n");
        foreach (var via in request.Headers("Via"))
        {
            text.Append("Via: ").Append(via).Append("\r\n");
        }

        var to = request.Header("To") ?? string.Empty;
        if (tag is not null && !to.Contains(";tag=", StringComparison.OrdinalIgnoreCase))
        {
            to += ";tag=" + tag;
        }

        text.Append("From: ").Append(request.Header("From")).Append("\r\n")
            .Append("To: ").Append(to).Append("\r\n")
            .Append("Call-ID: ").Append(request.CallId).Append("\r\n")
            .Append("CSeq: ").Append(request.Header("CSeq")).Append("\r\n");
        if (tag is not null)
        {
            text.Append("Contact: <sip:carrier@").Append(Local).Append(">\r\n");
        }

        var body = sdp
            ? $"v=0\r\no=carrier 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {Local.Port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
            : string.Empty;
        if (sdp)
        {
            text.Append("Content-Type: application/sdp\r\n");
        }

        return text.Append("Content-Length: ").Append(Encoding.ASCII.GetByteCount(body)).Append("\r\n\r\n").Append(body).ToString();
    }
}
