using System.Net;
using Switchboard.Sip.Dns;

namespace Switchboard.Sip.Tests.Dns;

/// <summary>An in-memory zone for locator unit tests; records every question asked.</summary>
internal sealed class ScriptedDnsLookup : ISipDnsLookup
{
    public Dictionary<string, List<SipSrvRecord>> Srv { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<IPAddress>> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Questions { get; } = [];

    public Task<IReadOnlyList<SipSrvRecord>> QuerySrvAsync(string service, CancellationToken cancellationToken)
    {
        Questions.Add($"SRV {service}");
        return Task.FromResult<IReadOnlyList<SipSrvRecord>>(Srv.TryGetValue(service, out var r) ? r : []);
    }

    public Task<IReadOnlyList<IPAddress>> QueryAddressesAsync(string host, CancellationToken cancellationToken)
    {
        Questions.Add($"A {host}");
        return Task.FromResult<IReadOnlyList<IPAddress>>(Addresses.TryGetValue(host, out var a) ? a : []);
    }
}
