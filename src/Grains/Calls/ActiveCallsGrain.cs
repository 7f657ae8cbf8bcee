namespace Switchboard.Grains.Calls;

/// <summary>
/// A tenant's live calls, in memory only; see <see cref="IActiveCallsGrain"/>. Lines expire when their call stops
/// refreshing them, which is what makes a lost silo's calls disappear (or reappear when their reminder
/// re-activates them elsewhere).
/// </summary>
public sealed class ActiveCallsGrain(TimeProvider time) : Grain, IActiveCallsGrain
{
    /// <summary>Many missed refreshes (they come every few seconds): only a lost silo's calls go stale.</summary>
    internal static readonly TimeSpan LineLifetime = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PrunePeriod = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, ActiveCall> _calls = new(StringComparer.Ordinal);
    private DateTimeOffset _nextPrune;

    /// <summary>Recently removed calls (pruned with the lines), so a refresh already in flight cannot bring them back.</summary>
    private readonly Dictionary<string, DateTimeOffset> _removed = new(StringComparer.Ordinal);

    public Task Update(IReadOnlyList<ActiveCall> answered, IReadOnlyList<string> ended)
    {
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(ended);
        foreach (var call in answered)
        {
            // Updates from one silo may overtake each other: a call removed already stays removed.
            if (!_removed.ContainsKey(call.CallId))
            {
                _calls[call.CallId] = call;
            }
        }

        if (ended.Count > 0)
        {
            var now = time.GetUtcNow();
            foreach (var callId in ended)
            {
                _calls.Remove(callId);
                _removed[callId] = now;
            }
        }

        Prune();
        return Task.CompletedTask;
    }

    public Task ReportMany(IReadOnlyList<ActiveCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        foreach (var call in calls)
        {
            // A refresh must not resurrect a line its call removed after the renewer took its snapshot.
            if (_calls.TryGetValue(call.CallId, out var line))
            {
                _calls[call.CallId] = line with { SeenAt = call.SeenAt };
            }
            else if (!_removed.ContainsKey(call.CallId))
            {
                _calls[call.CallId] = call;
            }
        }

        Prune();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ActiveCall>> List() =>
        Task.FromResult<IReadOnlyList<ActiveCall>>(Live().OrderBy(c => c.StartedAt).ToList());

    public Task<int> Count() => Task.FromResult(Live().Count());

    private IEnumerable<ActiveCall> Live()
    {
        var cutoff = time.GetUtcNow() - LineLifetime;
        return _calls.Values.Where(c => c.SeenAt > cutoff);
    }

    private void Prune()
    {
        // A scan of every line per report was a tenth of the silo's CPU at load: once every few seconds is enough.
        var now = time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PrunePeriod;
        var cutoff = now - LineLifetime;
        foreach (var stale in _calls.Values.Where(c => c.SeenAt <= cutoff).Select(c => c.CallId).ToList())
        {
            _calls.Remove(stale);
        }

        foreach (var gone in _removed.Where(r => r.Value <= cutoff).Select(r => r.Key).ToList())
        {
            _removed.Remove(gone);
        }
    }
}
