using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

/// <summary>
/// What client and server transactions share: a lock, the two timers a state can need (a retransmission timer and
/// a lifetime timer), and sending through the layer. Timers come from the layer's <see cref="TimeProvider"/>.
/// </summary>
public abstract class SipTransaction
{
    private readonly object _gate = new();
    private ITimer? _retransmitTimer;
    private ITimer? _lifetimeTimer;
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

    private protected void StartRetransmitTimer(TimeSpan due) =>
        Schedule(ref _retransmitTimer, due, static s => ((SipTransaction)s!).OnRetransmitTimer());

    private protected void StopRetransmitTimer() => _retransmitTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private protected void StartLifetimeTimer(TimeSpan due) =>
        Schedule(ref _lifetimeTimer, due, static s => ((SipTransaction)s!).OnLifetimeTimer());

    private protected void StopLifetimeTimer() => _lifetimeTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void Schedule(ref ITimer? timer, TimeSpan due, TimerCallback callback)
    {
        if (_released)
        {
            // Ended already, e.g. by a transport error inside the send that preceded this call.
            return;
        }

        if (timer is null)
        {
            // A timer keeps the execution context it was created in for as long as it exists, and a transaction's
            // timers exist until it ends, up to 64*T1 after its last message (Timers J, L, M). Created while the edge
            // handles a message, that context holds the message's logging scope: 28,000 scopes with their contexts
            // were kept alive at 500 calls/s. The callbacks change the transaction's state and resend; a send failure
            // they meet is logged by the transport without the message's Call-ID scope.
            if (ExecutionContext.IsFlowSuppressed())
            {
                timer = Layer.Time.CreateTimer(callback, this, due, Timeout.InfiniteTimeSpan);
            }
            else
            {
                using (ExecutionContext.SuppressFlow())
                {
                    timer = Layer.Time.CreateTimer(callback, this, due, Timeout.InfiniteTimeSpan);
                }
            }
        }
        else
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops both timers and removes the transaction from the layer's tables. Call with the lock held.</summary>
    private protected void ReleaseResources()
    {
        // Dropped, not only stopped: a dialog may keep its ended transaction for the whole call (a callee leg's
        // INVITE, to know it can no longer be cancelled), and two dead timers were 240 bytes of every live call.
        _released = true;
        _retransmitTimer?.Dispose();
        _retransmitTimer = null;
        _lifetimeTimer?.Dispose();
        _lifetimeTimer = null;
        Layer.Remove(this);
    }

    /// <summary>Sends through the layer; a failure, now or later, comes back as <see cref="OnTransportError"/>.</summary>
    private protected void Send(byte[] message) => Layer.Send(this, message);

    private protected abstract void OnRetransmitTimer();

    private protected abstract void OnLifetimeTimer();

    internal abstract void OnTransportError();
}
