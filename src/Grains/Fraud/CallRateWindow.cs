namespace Switchboard.Grains.Fraud;

/// <summary>
/// Timestamps of recent events in a sliding window (calls started in the last minute, breaches in the last ten).
/// A gliding window, not fixed buckets: 30 calls at 12:00:59 and 30 at 12:01:01 are 60 in one minute. Holds at most
/// the events of one window, and the owner caps how many it adds, so memory stays bounded.
/// </summary>
public sealed class CallRateWindow(TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _events = new();

    public TimeSpan Window { get; } = window;

    /// <summary>Events within the window ending at <paramref name="now"/>.</summary>
    public int Count(DateTimeOffset now)
    {
        Expire(now);
        return _events.Count;
    }

    public void Add(DateTimeOffset at) => _events.Enqueue(at);

    public void Clear() => _events.Clear();

    public IReadOnlyCollection<DateTimeOffset> Events => _events;

    private void Expire(DateTimeOffset now)
    {
        while (_events.TryPeek(out var oldest) && now - oldest >= Window)
        {
            _events.Dequeue();
        }
    }
}
