namespace Switchboard.Sip.Transports;

/// <summary>The transport a message travelled over; the Via transport token is its upper-case name (RFC 3261 §18).</summary>
public enum SipTransportKind
{
    Udp = 0,
    Tcp = 1,
    Tls = 2,
}
