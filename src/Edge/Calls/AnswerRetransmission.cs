using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

/// <summary>
/// The UA core's duty for the 2xx it sends the caller (RFC 3261 §13.3.1.4): pass it to the transport again at T1,
/// 2·T1, 4·T1 … capped at T2 until the ACK arrives, and give up after 64·T1, when the session must end. "Independent
/// of whatever transport protocols are used": a proxy between us and the phone may forward over UDP. Timers run on
/// the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class AnswerRetransmission : IDisposable
{
    private const int Waiting = 0;
    private const int Acknowledged = 1;
    private const int GaveUp = 2;

    private Func<bool>? _resend;
    private Action? _noAck;
    private readonly TimeProvider _time;
    private readonly TimeSpan _t2;
    private readonly TimeSpan _giveUpAfter;
    private readonly object _gate = new();
    private ITimer? _timer;
    private DateTimeOffset _started;
    private TimeSpan _interval;
    private int _state;

    /// <param name="resend">Sends the 2xx again; false when it could not be (counted, not fatal).</param>
    /// <param name="noAck">Called once when 64·T1 passed without the ACK.</param>
    public AnswerRetransmission(Func<bool> resend, Action noAck, SipTransactionOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _resend = resend;
        _noAck = noAck;
        _time = time;
        _interval = options.T1;
        _t2 = options.T2;
        _giveUpAfter = options.T1 * 64;
    }

    /// <summary>Retransmissions sent so far.</summary>
    public int Retransmissions { get; private set; }

    /// <summary>Starts the clock once the 2xx has been sent; does nothing when its ACK already arrived.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_state != Waiting || _timer is not null)
            {
                return;
            }

            _started = _time.GetUtcNow();
            _timer = _time.CreateTimer(static s => ((AnswerRetransmission)s!).OnTimer(), this, _interval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The ACK arrived: stop. True only for the first ACK, and not after giving up.</summary>
    public bool Acknowledge()
    {
        lock (_gate)
        {
            if (_state != Waiting)
            {
                return false;
            }

            _state = Acknowledged;
            Release();
            return true;
        }
    }

    /// <summary>The call ended some other way: stop without reporting anything.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_state == Waiting)
            {
                _state = Acknowledged;
            }

            Release();
        }
    }

    private void OnTimer()
    {
        Action? noAck;
        lock (_gate)
        {
            if (_state != Waiting)
            {
                return;
            }

            var elapsed = _time.GetUtcNow() - _started;
            if (elapsed >= _giveUpAfter)
            {
                _state = GaveUp;
                noAck = _noAck;
                Release();
            }
            else
            {
                _resend!();
                Retransmissions++;
                _interval = _interval * 2 < _t2 ? _interval * 2 : _t2;
                var left = _giveUpAfter - elapsed;
                _timer!.Change(_interval < left ? _interval : left, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        noAck?.Invoke();
    }

    /// <summary>
    /// Lets go of the timer and the callbacks once the retransmissions are over: the session keeps this object for
    /// the whole call, and the callbacks hold the session.
    /// </summary>
    private void Release()
    {
        _timer?.Dispose();
        _timer = null;
        _resend = null;
        _noAck = null;
    }
}
