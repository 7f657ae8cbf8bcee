namespace Switchboard.Sip.Transactions;

/// <summary>
/// The transaction layer's timers: one <see cref="TransactionTimerLane"/> per duration in use. Durations come from
/// <see cref="SipTransactionOptions"/> (T1 doubled up to 64*T1, T2, T4, Timer C, the abandoned-transaction timeout),
/// so an edge has about a dozen lanes whatever its load.
/// </summary>
internal sealed class TransactionTimers : IDisposable
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private volatile TransactionTimerLane[] _lanes = [];
    private bool _disposed;

    public TransactionTimers(TimeProvider time) => _time = time;

    /// <summary>Alarms set in all lanes and neither fired nor cancelled.</summary>
    public int Pending => _lanes.Sum(static lane => lane.Pending);

    public int LaneCount => _lanes.Length;

    public TransactionAlarm Set(SipTransaction transaction, TransactionTimerKind kind, TimeSpan duration) =>
        LaneFor(duration).Set(transaction, kind);

    private TransactionTimerLane LaneFor(TimeSpan duration)
    {
        foreach (var lane in _lanes)
        {
            if (lane.Duration == duration)
            {
                return lane;
            }
        }

        lock (_gate)
        {
            foreach (var lane in _lanes)
            {
                if (lane.Duration == duration)
                {
                    return lane;
                }
            }

            var added = new TransactionTimerLane(_time, duration);
            if (_disposed)
            {
                // The layer is closing: the alarm is set on a lane that never fires.
                added.Dispose();
                return added;
            }

            _lanes = [.. _lanes, added];
            return added;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var lane in _lanes)
            {
                lane.Dispose();
            }
        }
    }
}
