using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace Switchboard.Sip.Dns;

/// <summary>
/// <see cref="ISipDnsLookup"/> over the DnsClient library: the configured name servers or the system's, with the
/// library's response cache, which keeps each answer for its record TTL (RFC 1035 §3.2.1) so a carrier's change
/// of SRV records is seen when the old records expire and not before.
/// </summary>
public sealed class DnsClientLookup : ISipDnsLookup
{
    private readonly LookupClient _client;

    public DnsClientLookup(IOptions<SipDnsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var servers = settings.NameServers
            .Select(s => SipDnsOptionsValidator.TryParseNameServer(s, out var endPoint) ? endPoint : throw new ArgumentException($"{SipDnsOptions.SectionName}:{nameof(settings.NameServers)} entry '{s}' is not an IP address with an optional port."))
            .ToArray();
        var clientOptions = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        clientOptions.UseCache = true;
        clientOptions.Timeout = settings.Timeout;
        clientOptions.Retries = settings.Retries;
        clientOptions.ThrowDnsErrors = false;
        _client = new LookupClient(clientOptions);
    }

    public async Task<IReadOnlyList<SipSrvRecord>> QuerySrvAsync(string service, CancellationToken cancellationToken)
    {
        var response = await QueryAsync(service, QueryType.SRV, cancellationToken);
        return response is null
            ? []
            : response.Answers.SrvRecords().Select(r => new SipSrvRecord(r.Priority, r.Weight, r.Port, r.Target.Value.TrimEnd('.') is { Length: > 0 } t ? t : ".")).ToList();
    }

    public async Task<IReadOnlyList<IPAddress>> QueryAddressesAsync(string host, CancellationToken cancellationToken)
    {
        // IPv4 first: the edge's listeners are usually IPv4 only, and RFC 3263 leaves the order of A and AAAA open.
        var v4 = await QueryAsync(host, QueryType.A, cancellationToken);
        var v6 = await QueryAsync(host, QueryType.AAAA, cancellationToken);
        var addresses = new List<IPAddress>();
        addresses.AddRange(v4?.Answers.ARecords().Select(r => r.Address) ?? []);
        addresses.AddRange(v6?.Answers.AaaaRecords().Select(r => r.Address) ?? []);
        return addresses;
    }

    private async Task<IDnsQueryResponse?> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken);
            return response.HasError ? null : response;
        }
        catch (DnsResponseException)
        {
            // No server answered within Timeout × (Retries + 1): the same as no records for the caller.
            return null;
        }
        catch (ArgumentException)
        {
            // Not a valid DNS name (an over-long label, say): nothing can be looked up.
            return null;
        }
    }
}
