namespace Switchboard.Sip.Transactions;

/// <summary>
/// The transaction timers of one duration. All of them have the same length, so they fall due in the order they
/// were set: a queue swept by one timer does what a timer per transaction did. At 700 calls/s an edge held over
/// 40,000 timers, most of them the 64*T1 waits of completed transactions, and the runtime's timer queue walked them
/// all about three times a second.
/// </summary>
/// <remarks>
/// Alarms fire when due, or up to <see cref="Coalescing"/> later when several fall due close together: RFC 3261's
/// timers are lower bounds on how long a transaction waits, and at most one sweep per 10 ms replaces a wake-up per
/// alarm.
/// </remarks>
internal sealed class TransactionTimerLane : IDisposable
{
    internal static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(10);

    private const int CompactAfter = 1024;

    private readonly Queue<TransactionAlarm> _pending = new();
    private readonly TimeProvider _time;
    private readonly long _length;
    private readonly long _coalescing;
    private readonly ITimer _timer;
    private bool _armed;
    private long _armedFor;
    private int _cancelled;
    private bool _disposed;

    public TransactionTimerLane(TimeProvider time, TimeSpan duration)
    {
        _time = time;
        Duration = duration;
        _length = ToTimestamp(duration);
        _coalescing = ToTimestamp(Coalescing);

        // The sweep runs transaction handlers, which resend and log: no message's logging scope goes with it.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = time.CreateTimer(static s => ((TransactionTimerLane)s!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public TimeSpan Duration { get; }

    /// <summary>Alarms set and not yet swept, cancelled ones included.</summary>
    public int Pending
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    public TransactionAlarm Set(SipTransaction transaction, TransactionTimerKind kind)
    {
        lock (_pending)
        {
            // Taken under the lock, so the queue stays in order of due time.
            var alarm = new TransactionAlarm(this, transaction, kind, _time.GetTimestamp() + _length);
            if (_disposed)
            {
                return alarm;
            }

            if (Volatile.Read(ref _cancelled) > CompactAfter && Volatile.Read(ref _cancelled) > _pending.Count / 2)
            {
                Compact();
            }

            _pending.Enqueue(alarm);
            if (!_armed)
            {
                _armed = true;
                _armedFor = alarm.Due;
                _timer.Change(Duration, Timeout.InfiniteTimeSpan);
            }

            return alarm;
        }
    }

    internal void OnCancelled() => Interlocked.Increment(ref _cancelled);

    /// <summary>
    /// Drops cancelled alarms from the queue. Most alarms are cancelled long before they are due (every server
    /// transaction sets a 10-minute abandoned-transaction alarm and cancels it with its response), and the queue
    /// would otherwise hold them all until then. Call with the lock held; amortised constant work per alarm.
    /// </summary>
    private void Compact()
    {
        for (var i = _pending.Count; i > 0; i--)
        {
            var alarm = _pending.Dequeue();
            if (alarm.IsSet)
            {
                _pending.Enqueue(alarm);
            }
        }

        Volatile.Write(ref _cancelled, 0);
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        while (true)
        {
            TransactionAlarm alarm;
            lock (_pending)
            {
                if (_disposed)
                {
                    return;
                }

                if (!_pending.TryPeek(out var head) || head.Due > now)
                {
                    Rearm(head, now);
                    return;
                }

                alarm = _pending.Dequeue();
                if (!alarm.IsSet)
                {
                    Interlocked.Decrement(ref _cancelled);
                    continue;
                }
            }

            // Outside the lane's lock: the handler takes its transaction's lock, and transactions set alarms with
            // theirs held.
            alarm.Fire();
        }
    }

    private void Rearm(TransactionAlarm? head, long now)
    {
        if (head is null)
        {
            _armed = false;
            return;
        }

        // At most one sweep per coalescing interval, counted from the time this sweep was due rather than from now:
        // on a clock that jumps (a fake one, or a stalled process) the next alarm still fires when it is due.
        _armedFor = Math.Max(head.Due, _armedFor + _coalescing);
        _timer.Change(ToTimeSpan(Math.Max(_armedFor - now, 0)), Timeout.InfiniteTimeSpan);
    }

    // Both conversions round up: a sweep that came a fraction early would find nothing due and wait a whole
    // coalescing interval more.
    private TimeSpan ToTimeSpan(long timestamp) => TimeSpan.FromTicks((long)Math.Ceiling(timestamp * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));

    private long ToTimestamp(TimeSpan span) => (long)Math.Ceiling(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);

    public void Dispose()
    {
        lock (_pending)
        {
            _disposed = true;
            _pending.Clear();
        }

        _timer.Dispose();
    }
}
