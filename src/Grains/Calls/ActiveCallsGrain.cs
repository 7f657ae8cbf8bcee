namespace Switchboard.Grains.Calls;

/// <summary>
/// A tenant's live calls, in memory only; see <see cref="IActiveCallsGrain"/>. Lines expire when their call stops
/// refreshing them, which is what makes a lost silo's calls disappear (or reappear when their reminder
/// re-activates them elsewhere).
/// </summary>
public sealed class ActiveCallsGrain(TimeProvider time) : Grain, IActiveCallsGrain
{
    /// <summary>Three missed one-minute refreshes.</summary>
    internal static readonly TimeSpan LineLifetime = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, ActiveCall> _calls = new(StringComparer.Ordinal);

    public Task Report(ActiveCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _calls[call.CallId] = call;
        Prune();
        return Task.CompletedTask;
    }

    public Task Remove(string callId)
    {
        _calls.Remove(callId);
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
        var cutoff = time.GetUtcNow() - LineLifetime;
        foreach (var stale in _calls.Values.Where(c => c.SeenAt <= cutoff).Select(c => c.CallId).ToList())
        {
            _calls.Remove(stale);
        }
    }
}
