namespace Switchboard.Sip.Transactions;

/// <summary>
/// The transaction timers of one duration. All of them have the same length, so they fall due in the order they
/// were set: a list in that order, swept by one timer, does what a timer per transaction did, and a cancelled alarm
/// is unlinked in constant time. At 700 calls/s an edge held over 40,000 runtime timers, most of them the 64*T1
/// waits of completed transactions, and the runtime's timer queue walked them all about three times a second.
/// </summary>
/// <remarks>
/// Alarms fire when due, or up to <see cref="Coalescing"/> later when several fall due close together: RFC 3261's
/// timers are lower bounds on how long a transaction waits, and at most one sweep per 10 ms replaces a wake-up per
/// alarm.
/// </remarks>
internal sealed class TransactionTimerLane : IDisposable
{
    internal static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(10);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly long _length;
    private readonly long _coalescing;
    private readonly ITimer _timer;
    private TransactionAlarm? _head;
    private TransactionAlarm? _tail;
    private int _count;
    private bool _armed;
    private long _armedFor;
    private bool _disposed;

    public TransactionTimerLane(TimeProvider time, TimeSpan duration)
    {
        _time = time;
        Duration = duration;
        _length = ToTimestamp(duration);
        _coalescing = ToTimestamp(Coalescing);

        // The sweep runs transaction handlers, which resend and log: no message's logging scope goes with it.
        if (ExecutionContext.IsFlowSuppressed())
        {
            _timer = CreateTimer(time);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _timer = CreateTimer(time);
            }
        }
    }

    public TimeSpan Duration { get; }

    /// <summary>Alarms set and neither fired nor cancelled.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public TransactionAlarm Set(SipTransaction transaction, TransactionTimerKind kind)
    {
        // A lane that arms its timer within Set must not be able to run a sweep there: under a fake clock a zero
        // delay would run it at once, inside the transaction's lock, before the transaction holds the alarm.
        if (Duration <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("A transaction timer lane needs a positive duration.");
        }

        lock (_gate)
        {
            // Taken under the lock, so the list stays in order of due time.
            var alarm = new TransactionAlarm(this, transaction, kind, _time.GetTimestamp() + _length);
            if (_disposed)
            {
                alarm.Transaction = null;
                return alarm;
            }

            alarm.Previous = _tail;
            if (_tail is null)
            {
                _head = alarm;
            }
            else
            {
                _tail.Next = alarm;
            }

            _tail = alarm;
            _count++;
            if (!_armed)
            {
                _armed = true;
                _armedFor = alarm.Due;
                _timer.Change(Duration, Timeout.InfiniteTimeSpan);
            }

            return alarm;
        }
    }

    internal void Cancel(TransactionAlarm alarm)
    {
        lock (_gate)
        {
            if (alarm.Transaction is not null)
            {
                alarm.Transaction = null;
                Unlink(alarm);
            }
        }
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        var fired = false;
        try
        {
            while (true)
            {
                TransactionAlarm alarm;
                SipTransaction transaction;
                lock (_gate)
                {
                    if (_disposed || _head is not { } head || head.Due > now)
                    {
                        return;
                    }

                    alarm = head;
                    transaction = alarm.Transaction!;
                    alarm.Transaction = null;
                    Unlink(alarm);
                }

                // Outside the lane's lock: the handler takes its transaction's lock, and transactions set and cancel
                // alarms with theirs held. The transaction ignores an alarm it replaced in the meantime.
                fired = true;
                transaction.OnAlarm(alarm);
            }
        }
        finally
        {
            // Also when a handler threw: a lane left armed without a timer would never fire again.
            lock (_gate)
            {
                if (!_disposed)
                {
                    Rearm(_time.GetTimestamp(), fired);
                }
            }
        }
    }

    private void Unlink(TransactionAlarm alarm)
    {
        if (alarm.Previous is { } previous)
        {
            previous.Next = alarm.Next;
        }
        else
        {
            _head = alarm.Next;
        }

        if (alarm.Next is { } next)
        {
            next.Previous = alarm.Previous;
        }
        else
        {
            _tail = alarm.Previous;
        }

        alarm.Previous = null;
        alarm.Next = null;
        _count--;
    }

    private void Rearm(long now, bool fired)
    {
        if (_head is null)
        {
            _armed = false;
            return;
        }

        // After a sweep that fired alarms, the next comes one coalescing interval after the time this one was due
        // at the earliest (not after now: on a clock that jumps, a fake one or a stalled process, the next alarm
        // still fires when due). A sweep that found nothing woke early (the runtime's timers count whole
        // milliseconds) and waits for the head exactly.
        _armedFor = fired ? Math.Max(_head.Due, _armedFor + _coalescing) : _head.Due;
        _timer.Change(ToTimeSpan(Math.Max(_armedFor - now, 0)), Timeout.InfiniteTimeSpan);
    }

    // Both conversions round up: the runtime's timers count whole milliseconds and would cut a shorter wait to
    // nothing, and a sweep that wakes early finds nothing to fire.
    // Whole milliseconds in integers: waits are at most a day (the options' bounds), far from overflow.
    private TimeSpan ToTimeSpan(long timestamp) =>
        TimeSpan.FromMilliseconds((timestamp * 1000 + _time.TimestampFrequency - 1) / _time.TimestampFrequency);

    private long ToTimestamp(TimeSpan span) => (long)Math.Ceiling(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private ITimer CreateTimer(TimeProvider time) =>
        time.CreateTimer(static s => ((TransactionTimerLane)s!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_head is { } head)
            {
                head.Transaction = null;
                Unlink(head);
            }
        }

        _timer.Dispose();
    }
}
