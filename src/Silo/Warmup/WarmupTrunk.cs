using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Sip;

namespace Switchboard.Silo.Warmup;

/// <summary>
/// The carrier the warm-up's calls go out to: a UDP socket on 127.0.0.1 that answers every INVITE at once (180,
/// then 200 with an SDP answer) and every other request with 200. It never sends requests of its own.
/// </summary>
internal sealed class WarmupTrunk : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly SipParser _parser = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly ContactHeader _contact;
    private readonly ReadOnlyMemory<byte> _answer;
    private readonly Task _loop;

    public WarmupTrunk()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Local = (IPEndPoint)_socket.LocalEndPoint!;
        _contact = ContactHeader.For(new NameAddress(SipUri.Parse($"sip:carrier@{Local}")));
        _answer = Encoding.ASCII.GetBytes(
            $"v=0\r\no=carrier 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {Local.Port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint Local { get; }

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

            using var message = _parser.ParseDatagram(buffer.AsSpan(0, received.ReceivedBytes)).Message;
            if (message is not SipRequest request || request.Method.Kind == SipMethodKind.Ack)
            {
                continue;
            }

            if (request.Method.Kind == SipMethodKind.Invite)
            {
                var tag = _tags.GetOrAdd(request.CallId, _ => SipIdGenerator.NewTag());
                await SendAsync(SipResponseBuilder.For(request, 180).WithToTag(tag).AddContact(_contact), received.RemoteEndPoint);
                await SendAsync(SipResponseBuilder.For(request, 200).WithToTag(tag).AddContact(_contact).WithBody(_answer, "application/sdp"), received.RemoteEndPoint);
            }
            else
            {
                await SendAsync(SipResponseBuilder.For(request, 200), received.RemoteEndPoint);
            }
        }
    }

    private Task SendAsync(SipResponseBuilder response, EndPoint to) =>
        _socket.SendToAsync(response.ToArray(), SocketFlags.None, to, _stop.Token).AsTask();
}
