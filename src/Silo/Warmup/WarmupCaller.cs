using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Sip;
using Switchboard.Sip.Auth;

namespace Switchboard.Silo.Warmup;

/// <summary>
/// One phone line of the warm-up: a UDP socket on 127.0.0.1 that places calls one after another as an extension,
/// the way the load kit's UAC does (INVITE, 407, ACK, INVITE with credentials, 200, ACK, BYE, 200). A call that
/// goes wrong is counted as failed, never retried: the warm-up only has to run the call path, not prove it.
/// </summary>
internal sealed class WarmupCaller : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly SipParser _parser = new();
    private readonly byte[] _buffer = new byte[65_535];
    private readonly IPEndPoint _edge;
    private readonly IPEndPoint _local;
    private readonly string _user;
    private readonly string _password;
    private readonly string _domain;
    private readonly SipUri _target;
    private readonly ContactHeader _contact;
    private readonly ReadOnlyMemory<byte> _offer;
    private readonly TimeSpan _wait;

    public WarmupCaller(IPEndPoint edge, string user, string password, string domain, string number, TimeSpan wait)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _local = (IPEndPoint)_socket.LocalEndPoint!;
        (_edge, _user, _password, _domain, _wait) = (edge, user, password, domain, wait);
        _target = SipUri.Parse($"sip:{number}@{domain}");
        _contact = ContactHeader.For(new NameAddress(SipUri.Parse($"sip:{user}@{_local};transport=udp")));
        _offer = Encoding.ASCII.GetBytes(
            $"v=0\r\no=warmup 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {_local.Port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Places one call and hangs it up at once; true when every step got the answer a phone expects.</summary>
    public async Task<bool> CallAsync(CancellationToken cancellationToken)
    {
        var callId = SipIdGenerator.NewCallId("warmup");
        var from = new NameAddress(SipUri.Parse($"sip:{_user}@{_domain}"), "Warm-up") { Tag = SipIdGenerator.NewTag() };
        var first = SipIdGenerator.NewBranch();
        await SendAsync(Invite(callId, from, 1, first, credentials: null), cancellationToken);
        using var challenge = await FinalAsync(callId, 1, cancellationToken);
        if (challenge is not { StatusCode: 407 })
        {
            return false;
        }

        // RFC 3261 §17.1.1.3: the ACK for a non-2xx final response has the INVITE's branch and the response's To.
        await SendAsync(Request(SipMethod.Ack, _target, callId, from, challenge.To, 1, first), cancellationToken);
        var offered = DigestClient.Choose(challenge.ProxyAuthenticate, [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]);
        if (offered is null)
        {
            return false;
        }

        var credentials = DigestClient.Answer(offered, _user, _password, "INVITE", _target.ToString());
        await SendAsync(Invite(callId, from, 2, SipIdGenerator.NewBranch(), credentials), cancellationToken);
        using var answer = await FinalAsync(callId, 2, cancellationToken);
        if (answer is not { StatusCode: 200 } || answer.Contacts.FirstOrDefault()?.Uri is not { } remote)
        {
            return false;
        }

        await SendAsync(Request(SipMethod.Ack, remote, callId, from, answer.To, 2, SipIdGenerator.NewBranch()), cancellationToken);
        await SendAsync(Request(SipMethod.Bye, remote, callId, from, answer.To, 3, SipIdGenerator.NewBranch()), cancellationToken);
        using var bye = await FinalAsync(callId, 3, cancellationToken);
        return bye is { StatusCode: 200 };
    }

    /// <summary>The final response to request <paramref name="cseq"/> of this call (1xx and strays skipped), or null after the wait.</summary>
    private async Task<SipResponse?> FinalAsync(string callId, long cseq, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_wait);
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
                var message = _parser.ParseDatagram(_buffer.AsSpan(0, received)).Message;
                if (message is SipResponse { StatusCode: >= 200 } response && response.CallId == callId && response.CSeq.Number == cseq)
                {
                    return response;
                }

                message?.Dispose();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Task SendAsync(SipRequestBuilder request, CancellationToken cancellationToken) =>
        _socket.SendToAsync(request.ToArray(), SocketFlags.None, _edge, cancellationToken).AsTask();

    private SipRequestBuilder Invite(string callId, NameAddress from, long cseq, string branch, string? credentials)
    {
        var invite = Request(SipMethod.Invite, _target, callId, from, new NameAddress(_target), cseq, branch)
            .AddContact(_contact)
            .WithBody(_offer, "application/sdp");
        return credentials is null ? invite : invite.AddHeader(KnownHeader.ProxyAuthorization, credentials);
    }

    private SipRequestBuilder Request(SipMethod method, SipUri uri, string callId, NameAddress from, NameAddress to, long cseq, string branch) =>
        new SipRequestBuilder(method, uri)
            .AddVia("UDP", _local.Address.ToString(), _local.Port, branch)
            .WithFrom(from)
            .WithTo(to)
            .WithCallId(callId)
            .WithCSeq(cseq)
            .AddHeader(KnownHeader.UserAgent, "switchboard-warmup");
}
