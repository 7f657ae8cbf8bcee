using System.Net;

namespace Switchboard.Sip.Dns;

/// <summary>
/// The two DNS questions RFC 3263 §4 asks. A name that does not exist, a server that does not answer and an empty
/// answer all come back as an empty list: the locator falls back or reports "unresolvable", it never throws.
/// </summary>
public interface ISipDnsLookup
{
    /// <summary>SRV records of <paramref name="service"/>, e.g. <c>_sip._udp.carrier.example</c>.</summary>
    Task<IReadOnlyList<SipSrvRecord>> QuerySrvAsync(string service, CancellationToken cancellationToken);

    /// <summary>A then AAAA addresses of <paramref name="host"/>.</summary>
    Task<IReadOnlyList<IPAddress>> QueryAddressesAsync(string host, CancellationToken cancellationToken);
}
