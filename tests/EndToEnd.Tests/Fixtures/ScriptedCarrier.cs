using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>
/// A carrier's SIP server on a raw UDP socket of 127.0.0.1: while <see cref="Answering"/> it answers OPTIONS and BYE
/// 200 and INVITE with the status it was given (503: a call fails over to the next trunk at once; 200: answered, with
/// an SDP, ACK absorbed); otherwise it is silent, as a dead server behind a firewall is. Every request's method is
/// recorded. Unlike a sipp UAS it takes OPTIONS pings at any time.
/// </summary>
public sealed class ScriptedCarrier : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile bool _answering = true;

    private readonly int _inviteStatus;
    private readonly int _port;

    public ScriptedCarrier(int port, int inviteStatus)
    {
        _port = port;
        _inviteStatus = inviteStatus;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _loop = ServeAsync();
    }

    /// <summary>Whether it answers at all; false plays a server that went silent.</summary>
    public bool Answering
    {
        get => _answering;
        set => _answering = value;
    }

    /// <summary>Methods received, in order (ACKs included).</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public int Count(string method) => Received.Count(m => m == method);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // The socket closed under a pending receive: the loop is over either way.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[8192];
        while (!_stop.IsCancellationRequested)
        {
            var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            var request = Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
            var method = request[..Math.Max(0, request.IndexOf(' ', StringComparison.Ordinal))];
            Received.Enqueue(method);
            if (!Answering || method is not ("OPTIONS" or "INVITE" or "BYE"))
            {
                continue;
            }

            var answer = method == "INVITE" && _inviteStatus == 200
                ? Answer(request, "200 OK", $"Contact: <sip:carrier@127.0.0.1:{_port}>\r\n", Sdp)
                : Answer(request, method == "INVITE" ? $"{_inviteStatus} Scripted" : "200 OK", string.Empty, string.Empty);
            await _socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
        }
    }

    internal const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    /// <summary>The response copies Via, From, To (plus a tag), Call-ID and CSeq (RFC 3261 §8.2.6.2).</summary>
    internal static byte[] Answer(string request, string status, string headers, string sdp)
    {
        var lines = request[..request.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        IEnumerable<string> Headers(string name) => lines.Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        var to = Headers("To").First();
        var text = new StringBuilder($"SIP/2.0 {status}\r\n");
        foreach (var via in Headers("Via"))
        {
            text.Append(via).Append("\r\n");
        }

        text.Append(Headers("From").First()).Append("\r\n")
            .Append(to).Append(to.Contains(";tag=", StringComparison.Ordinal) ? "\r\n" : ";tag=carrier\r\n")
            .Append(Headers("Call-ID").First()).Append("\r\n")
            .Append(Headers("CSeq").First()).Append("\r\n")
            .Append(headers)
            .Append(sdp.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty)
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {sdp.Length}\r\n\r\n{sdp}");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
