using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

/// <summary>
/// What client and server transactions share: a lock, the two timers a state can need (a retransmission timer and
/// a lifetime timer), and sending through the layer. Timers are alarms in the layer's <see cref="TransactionTimers"/>,
/// which run on its <see cref="TimeProvider"/>.
/// </summary>
public abstract class SipTransaction
{
    private readonly object _gate = new();
    private TransactionAlarm? _retransmitAlarm;
    private TransactionAlarm? _lifetimeAlarm;
    private bool _released;

    private protected SipTransaction(SipTransactionLayer layer, string key, SipMethod method, string? branch, SipEndPoint remote)
    {
        Layer = layer;
        Key = key;
        Method = method;
        Branch = branch;
        RemoteEndPoint = remote;
    }

    /// <summary>The method of the request that created the transaction.</summary>
    public SipMethod Method { get; }

    /// <summary>The top Via branch; for RFC 2543 peers it may lack the magic cookie or be null.</summary>
    public string? Branch { get; }

    /// <summary>Where requests (client) or responses (server) are sent.</summary>
    public SipEndPoint RemoteEndPoint { get; private protected set; }

    /// <summary>Over TCP/TLS nothing is retransmitted and the wait states last zero (RFC 3261 §17.1.1.2, §17.2.1).</summary>
    public bool IsReliable => RemoteEndPoint.IsReliable;

    internal string Key { get; }

    private protected SipTransactionLayer Layer { get; }

    private protected object Gate => _gate;

    private protected SipTransactionOptions Options => Layer.Options;

    private protected void StartRetransmitTimer(TimeSpan due) => Set(ref _retransmitAlarm, TransactionTimerKind.Retransmit, due);

    private protected void StopRetransmitTimer() => Cancel(ref _retransmitAlarm);

    private protected void StartLifetimeTimer(TimeSpan due) => Set(ref _lifetimeAlarm, TransactionTimerKind.Lifetime, due);

    private protected void StopLifetimeTimer() => Cancel(ref _lifetimeAlarm);

    private void Set(ref TransactionAlarm? alarm, TransactionTimerKind kind, TimeSpan due)
    {
        alarm?.Cancel();
        // Ended already, e.g. by a transport error inside the send that preceded this call.
        alarm = _released ? null : Layer.Timers.Set(this, kind, due);
    }

    private static void Cancel(ref TransactionAlarm? alarm)
    {
        alarm?.Cancel();
        alarm = null;
    }

    /// <summary>
    /// A lane fired one of this transaction's alarms. The handler takes the lock and, with <see cref="Claim"/>,
    /// ignores an alarm replaced or cancelled in the meantime: the state it would act on has moved on (a TU's final
    /// response that crossed the abandoned-transaction timeout must not be reported as a missing ACK).
    /// </summary>
    internal void OnAlarm(TransactionAlarm alarm)
    {
        if (alarm.Kind == TransactionTimerKind.Retransmit)
        {
            OnRetransmitTimer(alarm);
        }
        else
        {
            OnLifetimeTimer(alarm);
        }
    }

    /// <summary>Whether <paramref name="alarm"/> is still the one set; if so it is now spent. Call with the lock held.</summary>
    private protected bool Claim(TransactionAlarm alarm)
    {
        if (ReferenceEquals(alarm, _retransmitAlarm))
        {
            _retransmitAlarm = null;
            return true;
        }

        if (ReferenceEquals(alarm, _lifetimeAlarm))
        {
            _lifetimeAlarm = null;
            return true;
        }

        return false;
    }

    /// <summary>Stops both timers and removes the transaction from the layer's tables. Call with the lock held.</summary>
    private protected void ReleaseResources()
    {
        // Cancelled, so their lanes let go of the transaction now rather than when the alarms fall due.
        _released = true;
        Cancel(ref _retransmitAlarm);
        Cancel(ref _lifetimeAlarm);
        Layer.Remove(this);
    }

    /// <summary>Sends through the layer; a failure, now or later, comes back as <see cref="OnTransportError"/>.</summary>
    private protected void Send(byte[] message) => Layer.Send(this, message);

    /// <summary>Timer A, E or G fired; claim the alarm under the lock before acting.</summary>
    private protected abstract void OnRetransmitTimer(TransactionAlarm alarm);

    /// <summary>A lifetime timer fired; claim the alarm under the lock before acting.</summary>
    private protected abstract void OnLifetimeTimer(TransactionAlarm alarm);

    internal abstract void OnTransportError();
}
