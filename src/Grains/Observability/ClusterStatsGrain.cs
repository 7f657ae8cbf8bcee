namespace Switchboard.Grains.Observability;

/// <summary>
/// Keeps the last half minute of samples per silo in memory (nothing to persist: silos re-send within seconds).
/// A silo that stopped reporting drops out after <see cref="Stale"/>, so a dead silo's calls stop counting.
/// </summary>
internal sealed class ClusterStatsGrain(TimeProvider clock) : Grain, IClusterStatsGrain
{
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan Stale = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, SiloHistory> _silos = new(StringComparer.Ordinal);

    public Task Report(SiloCallSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!_silos.TryGetValue(sample.Silo, out var history))
        {
            history = new SiloHistory();
            _silos[sample.Silo] = history;
        }

        history.Add(sample, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<ClusterCallStats> GetSummary()
    {
        var now = clock.GetUtcNow();
        foreach (var silo in _silos.Where(s => now - s.Value.ReceivedAt > Stale).Select(s => s.Key).ToList())
        {
            _silos.Remove(silo);
        }

        long active = 0, started = 0;
        double rate = 0;
        var edges = 0;
        foreach (var history in _silos.Values)
        {
            var latest = history.Latest;
            active += latest.ActiveCalls;
            started += latest.CallsStarted;
            rate += history.CallsPerSecond();
            edges += latest.HostsEdge ? 1 : 0;
        }

        return Task.FromResult(new ClusterCallStats(active, Math.Round(rate, 2), started, _silos.Count, edges));
    }
}
