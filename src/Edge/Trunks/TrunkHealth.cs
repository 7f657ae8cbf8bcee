using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Trunks;

/// <summary>
/// The carrier servers this edge sends trunk legs to, and whether each answers OPTIONS (<see cref="TrunkPinger"/>).
/// Health is per edge on purpose: what matters is whether this edge can reach the carrier (its own network path),
/// and it needs no cluster state. A server is learned the first time a leg is routed to it and forgotten after an
/// hour without legs, so the pinger only pings carriers in use; the table is bounded.
/// </summary>
public sealed class TrunkHealth(IOptions<SipOptions> options, TimeProvider time)
{
    /// <summary>More servers than any edge's trunks resolve to; past it new servers are simply not pinged.</summary>
    internal const int MaxServers = 1024;

    internal static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<SipEndPoint, TrunkServer> _servers = new();
    private readonly bool _enabled = options.Value.TrunkPingSeconds > 0;

    /// <summary>Notes that a leg of <paramref name="trunkId"/> is about to use these servers, so they get pinged.</summary>
    public void Learn(string trunkId, IReadOnlyList<SipEndPoint> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (!_enabled)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        foreach (var endPoint in servers)
        {
            if (_servers.TryGetValue(endPoint, out var known))
            {
                known.Touch(now);
            }
            else if (_servers.Count < MaxServers)
            {
                _servers.TryAdd(endPoint, new TrunkServer(trunkId, endPoint, now));
            }
        }
    }

    /// <summary>
    /// <paramref name="servers"/> without those that stopped answering pings, in their order (RFC 3263 §4.3 keeps the
    /// order; we only drop known-dead entries). The same list when none is down, so the common case allocates nothing.
    /// </summary>
    public IReadOnlyList<SipEndPoint> Usable(IReadOnlyList<SipEndPoint> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var down = 0;
        foreach (var endPoint in servers)
        {
            down += IsDown(endPoint) ? 1 : 0;
        }

        return down == 0 ? servers : servers.Where(s => !IsDown(s)).ToList();
    }

    public bool IsDown(SipEndPoint server) => _servers.TryGetValue(server, out var known) && known.IsDown;

    /// <summary>The servers to ping now; those unused for <see cref="ForgetAfter"/> are dropped first.</summary>
    public IReadOnlyList<TrunkServer> ServersToPing()
    {
        var oldest = (time.GetUtcNow() - ForgetAfter).UtcTicks;
        foreach (var (endPoint, server) in _servers)
        {
            if (server.LastUsedTicks < oldest)
            {
                _servers.TryRemove(endPoint, out _);
            }
        }

        return [.. _servers.Values];
    }
}
