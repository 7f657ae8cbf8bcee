namespace Switchboard.Grains.Fraud;

/// <summary>
/// Timestamps of recent events in a sliding window (calls started in the last minute, breaches in the last ten).
/// A gliding window, not fixed buckets: 30 calls at 12:00:59 and 30 at 12:01:01 are 60 in one minute. It works over
/// a list the owner persists (grain state), kept in time order; expired events are dropped on every count.
/// </summary>
public sealed class CallRateWindow(TimeSpan window, List<DateTimeOffset> events)
{
    public TimeSpan Window { get; } = window;

    /// <summary>Events within the window ending at <paramref name="now"/>.</summary>
    public int Count(DateTimeOffset now)
    {
        var expired = 0;
        while (expired < events.Count && now - events[expired] >= Window)
        {
            expired++;
        }

        events.RemoveRange(0, expired);
        return events.Count;
    }

    public void Add(DateTimeOffset at) => events.Add(at);

    /// <summary>
    /// Adds an event and keeps only the newest <paramref name="keep"/>. Enough for a limit of that many: if the newest
    /// <paramref name="keep"/> are inside the window the limit is reached, whatever older events there were. It bounds
    /// the persisted list by the limit instead of by the traffic.
    /// </summary>
    public void Add(DateTimeOffset at, int keep)
    {
        events.Add(at);
        if (events.Count > keep)
        {
            events.RemoveRange(0, events.Count - keep);
        }
    }

    public void Clear() => events.Clear();
}
