using Switchboard.Edge.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Transport;

/// <summary>Translates between the SIP library's transport types and the grain contracts' wire types.</summary>
public static class TransportMapping
{
    public static SipTransportKind ToKind(SipTransport transport) => transport switch
    {
        SipTransport.Tcp => SipTransportKind.Tcp,
        SipTransport.Tls => SipTransportKind.Tls,
        _ => SipTransportKind.Udp,
    };

    public static SipTransport ToTransport(SipTransportKind kind) => kind switch
    {
        SipTransportKind.Tcp => SipTransport.Tcp,
        SipTransportKind.Tls => SipTransport.Tls,
        _ => SipTransport.Udp,
    };

    /// <summary>Where a request really came from (RFC 3581 §4 received/rport), as the grains store it.</summary>
    public static TransportAddress ToAddress(SipEndPoint source) =>
        new(ToTransport(source.Kind), PartyStrings.Share(source.Remote.Address.ToString()), source.Remote.Port);

    /// <summary>The Via transport token (RFC 3261 §18): UDP, TCP, TLS.</summary>
    public static string ViaToken(SipTransportKind kind) => kind.ToString().ToUpperInvariant();
}
