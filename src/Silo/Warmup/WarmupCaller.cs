using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Sip.Auth;

namespace Switchboard.Silo.Warmup;

/// <summary>
/// One phone line of the warm-up: a UDP socket on 127.0.0.1 that places calls one after another as an extension,
/// the way the load kit's UAC does (INVITE, 407, ACK, INVITE with credentials, 200, ACK, BYE, 200). A call that
/// goes wrong is counted as failed, never retried: the warm-up only has to run the call path, not prove it.
/// </summary>
internal sealed class WarmupCaller(IPEndPoint edge, string user, string password, string domain, string number, TimeSpan wait) : IDisposable
{
    private readonly Socket _socket = Bind();
    private readonly byte[] _buffer = new byte[65_535];
    private IPEndPoint Local => (IPEndPoint)_socket.LocalEndPoint!;

    public void Dispose() => _socket.Dispose();

    /// <summary>Places one call and hangs it up at once; true when every step got the answer a phone expects.</summary>
    public async Task<bool> CallAsync(CancellationToken cancellationToken)
    {
        var callId = NewId() + "@warmup";
        var tag = NewId();
        var uri = $"sip:{number}@{domain}";
        var first = Branch();
        await SendAsync(Invite(uri, callId, tag, 1, first, authorization: null), cancellationToken);
        if (await FinalAsync(callId, 1, cancellationToken) is not { Status: 407 } challenge)
        {
            return false;
        }

        // RFC 3261 §17.1.1.3: the ACK for a non-2xx final response has the INVITE's branch and the response's To.
        await SendAsync(Request("ACK", uri, callId, tag, challenge.Header("To")!, 1, first, null), cancellationToken);
        var offered = DigestClient.Choose(challenge.Headers("Proxy-Authenticate"), [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]);
        if (offered is null)
        {
            return false;
        }

        var credentials = DigestClient.Answer(offered, user, password, "INVITE", uri);
        await SendAsync(Invite(uri, callId, tag, 2, Branch(), credentials), cancellationToken);
        if (await FinalAsync(callId, 2, cancellationToken) is not { Status: 200 } answer || answer.ContactUri() is not { } target)
        {
            return false;
        }

        var to = answer.Header("To")!;
        await SendAsync(Request("ACK", target, callId, tag, to, 2, Branch(), null), cancellationToken);
        await SendAsync(Request("BYE", target, callId, tag, to, 3, Branch(), null), cancellationToken);
        return await FinalAsync(callId, 3, cancellationToken) is { Status: 200 };
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>The final response to request <paramref name="cseq"/> of this call (1xx and strays skipped), or null after the wait.</summary>
    private async Task<WarmupMessage?> FinalAsync(string callId, long cseq, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
                var message = new WarmupMessage(Encoding.ASCII.GetString(_buffer, 0, received));
                if (message.Status >= 200 && message.CallId == callId && message.CSeq.Number == cseq)
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Task SendAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendToAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, edge, cancellationToken).AsTask();

    private string Invite(string uri, string callId, string tag, long cseq, string branch, string? authorization)
    {
        var local = Local;
        var sdp = $"v=0\r\no=warmup 1 1 IN IP4 {local.Address}\r\ns=-\r\nc=IN IP4 {local.Address}\r\nt=0 0\r\nm=audio {local.Port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        var extra = (authorization is null ? string.Empty : $"Proxy-Authorization: {authorization}\r\n")
            + $"Contact: <sip:{user}@{local};transport=udp>\r\nContent-Type: application/sdp\r\n";
        return Request("INVITE", uri, callId, tag, $"<{uri}>", cseq, branch, extra, sdp);
    }

    private string Request(string method, string uri, string callId, string tag, string to, long cseq, string branch, string? extra, string body = "") =>
        $"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP {Local};branch={branch};rport\r\nMax-Forwards: 70\r\n" +
        $"From: \"Warm-up\" <sip:{user}@{domain}>;tag={tag}\r\nTo: {to}\r\nCall-ID: {callId}\r\nCSeq: {cseq} {method}\r\n" +
        $"{extra}User-Agent: switchboard-warmup\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}";

    private static string Branch() => "z9hG4bK" + NewId();

    private static string NewId() => Guid.NewGuid().ToString("N")[..16];
}
