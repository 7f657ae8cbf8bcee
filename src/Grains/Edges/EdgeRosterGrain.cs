using Microsoft.Extensions.Options;
using Switchboard.Grains.Calls;

namespace Switchboard.Grains.Edges;

/// <summary>
/// See <see cref="IEdgeRosterGrain"/>. Memory only: after a silo loss every live edge is back on the list within one
/// refresh period, since every refresh reports it again.
/// </summary>
public sealed class EdgeRosterGrain(IOptions<CallControlOptions> options, TimeProvider time) : Grain, IEdgeRosterGrain
{
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly TimeSpan _expiresAfter = options.Value.EdgeExpiry;

    public Task Seen(string edgeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(edgeId);
        _lastSeen[edgeId] = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> LiveEdges()
    {
        var cutoff = time.GetUtcNow() - _expiresAfter;
        foreach (var dead in _lastSeen.Where(e => e.Value < cutoff).Select(e => e.Key).ToList())
        {
            _lastSeen.Remove(dead);
        }

        IReadOnlyList<string> live = [.. _lastSeen.OrderByDescending(e => e.Value).Select(e => e.Key)];
        return Task.FromResult(live);
    }
}
