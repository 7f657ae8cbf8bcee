using System.Collections.Frozen;
using System.Net;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Grains.Security;

namespace Switchboard.Edge.Security;

/// <summary>
/// This edge's copy of the cluster's ban list (<see cref="ISourceBanGrain"/>), checked for every datagram and
/// stream frame before it is parsed. The hot path reads one immutable dictionary: no lock, no grain call, no
/// allocation. Writers (the poll, a ban this edge just issued) rebuild it, which is rare.
/// </summary>
public sealed class BannedSources
{
    private static readonly FrozenDictionary<IPAddress, DateTimeOffset> Empty = FrozenDictionary<IPAddress, DateTimeOffset>.Empty;

    private readonly TimeProvider _time;
    private readonly IPNetwork[] _exempt;
    private readonly Lock _lock = new();
    private readonly IReadOnlyList<SourceBan>[] _shards = new IReadOnlyList<SourceBan>[SourceBanShards.Count];
    private FrozenDictionary<IPAddress, DateTimeOffset> _banned = Empty;

    public BannedSources(IOptions<SecurityOptions> options, TimeProvider time)
    {
        _time = time;
        _exempt = [.. options.Value.BanExempt.Select(ParseNetwork)];
        Array.Fill(_shards, []);
    }

    /// <summary>Addresses currently in the copy (expired entries included until the next rebuild).</summary>
    public int Count => Volatile.Read(ref _banned).Count;

    /// <summary>Whether packets from <paramref name="address"/> are to be dropped unanswered.</summary>
    public bool IsBanned(IPAddress address)
    {
        var banned = Volatile.Read(ref _banned);
        return banned.Count > 0 && banned.TryGetValue(address, out var until) && _time.GetUtcNow() < until && !IsExempt(address);
    }

    /// <summary>Sources the operator excluded (<see cref="SecurityOptions.BanExempt"/>): never reported, never dropped.</summary>
    public bool IsExempt(IPAddress address)
    {
        foreach (var network in _exempt)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces one shard's bans with what the cluster answered.</summary>
    public void Replace(int shard, IReadOnlyList<SourceBan> bans)
    {
        lock (_lock)
        {
            _shards[shard] = bans;
            Rebuild();
        }
    }

    /// <summary>A ban the cluster just confirmed to this edge: applied now, before the next poll brings it.</summary>
    public void Add(SourceBan ban)
    {
        ArgumentNullException.ThrowIfNull(ban);
        lock (_lock)
        {
            var shard = SourceBanShards.For(ban.Address);
            _shards[shard] = [.. _shards[shard].Where(b => b.Address != ban.Address), ban];
            Rebuild();
        }
    }

    private void Rebuild()
    {
        var now = _time.GetUtcNow();
        var entries = new Dictionary<IPAddress, DateTimeOffset>();
        foreach (var ban in _shards.SelectMany(s => s))
        {
            if (ban.Until > now && IPAddress.TryParse(ban.Address, out var address))
            {
                entries[address] = ban.Until;
            }
        }

        Volatile.Write(ref _banned, entries.Count == 0 ? Empty : entries.ToFrozenDictionary());
    }

    private static IPNetwork ParseNetwork(string text) =>
        IPNetwork.TryParse(text, out var network) ? network : IPNetwork.Parse(text + (text.Contains(':', StringComparison.Ordinal) ? "/128" : "/32"));
}
