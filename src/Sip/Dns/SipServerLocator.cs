using System.Net;
using Microsoft.Extensions.Options;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Dns;

/// <summary>
/// RFC 3263 §4 "Locating a SIP server" for a host, port and transport that are already known (a trunk's
/// configuration): the ordered targets to try, so the caller can move to the next one on a transport error,
/// a timeout or a 503 (§4.3).
/// </summary>
public sealed class SipServerLocator
{
    /// <summary>RFC 3261 §19.1.2: 5060 for sip over UDP and TCP, 5061 for sips (TLS).</summary>
    public const int DefaultPort = 5060;

    public const int DefaultTlsPort = 5061;

    private readonly ISipDnsLookup _lookup;
    private readonly Func<int, int> _draw;
    private readonly int _maxTargets;

    public SipServerLocator(ISipDnsLookup lookup, IOptions<SipDnsOptions> options)
        : this(lookup, options, SrvOrdering.DrawFrom(Random.Shared))
    {
    }

    /// <param name="lookup">The DNS questions.</param>
    /// <param name="options">Bounds on the answer.</param>
    /// <param name="draw">Uniform integer in [0, max] for the RFC 2782 weighted choice; injected by tests.</param>
    public SipServerLocator(ISipDnsLookup lookup, IOptions<SipDnsOptions> options, Func<int, int> draw)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(draw);
        _lookup = lookup;
        _draw = draw;
        _maxTargets = options.Value.MaxTargets;
    }

    /// <summary>The SRV service name for a transport (RFC 3263 §4.2, RFC 3261 §26.2: TLS is the "sips" service over TCP).</summary>
    public static string ServiceName(SipTransportKind transport, string host) => transport switch
    {
        SipTransportKind.Tls => $"_sips._tcp.{host}",
        SipTransportKind.Tcp => $"_sip._tcp.{host}",
        _ => $"_sip._udp.{host}",
    };

    /// <summary>
    /// The targets for <paramref name="host"/>, best first; empty when the name does not resolve (the caller answers
    /// 503, RFC 3263 §4.3 "if ... no servers could be contacted"). <paramref name="port"/> 0 means "not given".
    /// </summary>
    public async Task<IReadOnlyList<SipServerTarget>> LocateAsync(string host, int port, SipTransportKind transport, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var name = host.Trim('[', ']').TrimEnd('.');
        var fallbackPort = port > 0 ? port : (transport == SipTransportKind.Tls ? DefaultTlsPort : DefaultPort);

        // §4.2: "If TARGET is a numeric IP address, the client uses that address"; with no port, the default one.
        if (IPAddress.TryParse(name, out var ip))
        {
            // No ServerName: the certificate is checked against the address itself, and a connection already open
            // to it (a phone's own, registered over TLS) is reused as before.
            return [new SipServerTarget(new SipEndPoint(transport, new IPEndPoint(ip, fallbackPort)), ip.ToString())];
        }

        // §4.1: NAPTR chooses the transport when the URI does not say. A trunk's transport is configured, so the
        // NAPTR step is skipped and we go straight to the SRV query for that transport (§4.1, "if ... the transport
        // protocol is specified ... no NAPTR").
        // §4.2: "If the TARGET was not a numeric IP address, but a port is present in the URI, the client performs
        // an A or AAAA record lookup of the domain name" — an explicit port turns SRV off.
        if (port == 0)
        {
            var records = await _lookup.QuerySrvAsync(ServiceName(transport, name), cancellationToken);
            if (records.Count > 0)
            {
                return await FromSrvAsync(records, transport, name, cancellationToken);
            }
        }

        // §4.2: no SRV records → A/AAAA of the name itself, on the port given or the transport's default.
        var addresses = await _lookup.QueryAddressesAsync(name, cancellationToken);
        return addresses
            .Take(_maxTargets)
            .Select(a => new SipServerTarget(new SipEndPoint(transport, new IPEndPoint(a, fallbackPort), ServerName: ServerName(transport, name)), name))
            .ToList();
    }

    /// <summary>
    /// RFC 5922 §4: a TLS server found through DNS is checked against the domain of the URI, the input to DNS, never
    /// an SRV target (which an attacker who can spoof DNS chooses).
    /// </summary>
    private static string? ServerName(SipTransportKind transport, string uriHost) => transport == SipTransportKind.Tls ? uriHost : null;

    private async Task<IReadOnlyList<SipServerTarget>> FromSrvAsync(IReadOnlyList<SipSrvRecord> records, SipTransportKind transport, string domain, CancellationToken cancellationToken)
    {
        // RFC 2782: a single record whose target is "." means the service is decidedly not offered at this domain;
        // that is an answer, not an absence, so there is no A/AAAA fallback either.
        if (records.Count == 1 && records[0].IsNoService)
        {
            return [];
        }

        var targets = new List<SipServerTarget>();
        foreach (var record in SrvOrdering.Order(records.Where(r => !r.IsNoService), _draw))
        {
            if (targets.Count == _maxTargets)
            {
                break;
            }

            // §4.2: each SRV target is resolved with A/AAAA and every address is tried before the next record.
            var addresses = await _lookup.QueryAddressesAsync(record.Target, cancellationToken);
            foreach (var address in addresses)
            {
                if (targets.Count == _maxTargets)
                {
                    return targets;
                }

                targets.Add(new SipServerTarget(new SipEndPoint(transport, new IPEndPoint(address, record.Port), ServerName: ServerName(transport, domain)), record.Target));
            }
        }

        return targets;
    }
}
