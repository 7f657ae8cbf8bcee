using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Dns;

/// <summary>One place to send a request, in the order RFC 3263 §4 says to try them.</summary>
/// <param name="EndPoint">Transport, address and port.</param>
/// <param name="HostName">The name the address came from (the SRV target or the host itself); the IP text for a numeric host.</param>
public sealed record SipServerTarget(SipEndPoint EndPoint, string HostName)
{
    public override string ToString() => $"{EndPoint} ({HostName})";
}
