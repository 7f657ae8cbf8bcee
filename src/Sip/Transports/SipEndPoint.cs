using System.Net;

namespace Switchboard.Sip.Transports;

/// <summary>
/// Where a message came from or goes to. <see cref="Remote"/> is the packet source as the socket saw it: the edge
/// feeds it to the message layer for RFC 3581 §4 <c>received</c>/<c>rport</c> rewriting, and sends responses back
/// to it (RFC 3581 §4: to the source IP and port, from the socket the request arrived on).
/// </summary>
/// <param name="Kind">UDP, TCP or TLS.</param>
/// <param name="Remote">The peer's address and port; IPv4-mapped IPv6 addresses are unmapped.</param>
/// <param name="Local">The local address and port the message arrived on or leaves from; null when not yet known.</param>
/// <param name="ConnectionId">
/// For TCP/TLS the connection the message arrived on; sending to this end point prefers that connection
/// (RFC 3261 §18.2.2: responses go back over the connection the request came in on). 0 for UDP or "any".
/// </param>
/// <param name="ServerName">
/// For TLS, the name the server's certificate must carry (RFC 5922 §4): the host name of the URI that was resolved
/// to <see cref="Remote"/>, never a name DNS handed back (an SRV target). Null (a URI host that is an address, or a
/// response's way back) checks a new connection's certificate against the address text, and lets any open
/// connection to <see cref="Remote"/> be reused.
/// </param>
public readonly record struct SipEndPoint(SipTransportKind Kind, IPEndPoint Remote, IPEndPoint? Local = null, long ConnectionId = 0, string? ServerName = null)
{
    /// <summary>Whether the transport keeps a connection (TCP, TLS), which changes retransmission rules (RFC 3261 §17.1.1.2).</summary>
    public bool IsReliable => Kind != SipTransportKind.Udp;

    public override string ToString() =>
        ConnectionId == 0 ? $"{Kind.ToString().ToUpperInvariant()}:{Remote}" : $"{Kind.ToString().ToUpperInvariant()}:{Remote}#{ConnectionId}";
}
