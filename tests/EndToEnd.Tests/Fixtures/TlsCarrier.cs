using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Sip.Transports;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>
/// A carrier's SIP server over TLS on 127.0.0.1, on the SIP library's own TLS transport with the certificate it is
/// given: it answers INVITE 200 (with SDP and a <c>transport=tls</c> Contact, so the dialog stays on TLS) and BYE
/// 200, and absorbs ACK, as <see cref="ScriptedCarrier"/> does over UDP. Every request's method is recorded.
/// </summary>
public sealed class TlsCarrier : IAsyncDisposable
{
    private readonly StreamSipTransport _transport;
    private readonly int _port;

    public TlsCarrier(int port, X509Certificate2 certificate)
    {
        _port = port;
        var options = new SipTransportOptions { ConnectTimeout = TimeSpan.FromSeconds(5) };
        _transport = StreamSipTransport.CreateTls(
            new IPEndPoint(IPAddress.Loopback, port), options, new SipTlsSettings(certificate), OnMessage, TimeProvider.System, NullLogger<StreamSipTransport>.Instance);
        _transport.Start();
    }

    /// <summary>Methods received, in order (ACKs included).</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>
    /// TCP connections taken, whether or not the handshake went on: a client that refuses the certificate does so
    /// after this side's part of the handshake is done (TLS 1.3), so this side may see no handshake failure.
    /// </summary>
    public long ConnectionsAccepted => _transport.Stats.ConnectionsAccepted;

    public int Count(string method) => Received.Count(m => m == method);

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    private void OnMessage(ReadOnlyMemory<byte> message, SipEndPoint source)
    {
        var request = Encoding.ASCII.GetString(message.Span);
        var method = request[..Math.Max(0, request.IndexOf(' ', StringComparison.Ordinal))];
        if (method == "SIP/2.0")
        {
            return;
        }

        Received.Enqueue(method);
        var answer = method switch
        {
            "INVITE" => ScriptedCarrier.Answer(request, "200 OK", $"Contact: <sip:carrier@127.0.0.1:{_port};transport=tls>\r\n", ScriptedCarrier.Sdp),
            "BYE" or "OPTIONS" => ScriptedCarrier.Answer(request, "200 OK", string.Empty, string.Empty),
            _ => null,
        };
        if (answer is not null)
        {
            // RFC 3261 §18.2.2: back over the connection the request came in on.
            _ = _transport.SendAsync(answer, source).AsTask();
        }
    }
}
