using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

/// <summary>
/// An INVITE (RFC 3261 §17.1.1, Figure 5) or non-INVITE (§17.1.2, Figure 6) client transaction. Created and started
/// by <see cref="SipTransactionLayer.SendRequest(SipRequest, SipEndPoint, Action{SipClientTransaction, SipResponse}?)"/>;
/// provisional responses reach the optional callback while the transport's buffer is still valid, and the final
/// outcome completes <see cref="Completion"/>. Started with a <see cref="SipResponseHandler"/> instead, every
/// response the TU should see reaches the handler in arrival order.
/// A 2xx to INVITE moves it to Accepted (RFC 6026 §8.4), where further 2xx still reach the TU until Timer M.
/// </summary>
public sealed partial class SipClientTransaction : SipTransaction
{
    private byte[] _request;
    private readonly Action<SipClientTransaction, SipResponse>? _onProvisional;
    private SipResponseHandler? _onResponse;
    private readonly TaskCompletionSource<SipClientResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _interval;
    private byte[]? _ack;
    private bool _timerCFired;

    internal SipClientTransaction(SipTransactionLayer layer, string key, SipRequest request, SipEndPoint destination, Action<SipClientTransaction, SipResponse>? onProvisional, SipResponseHandler? onResponse)
        : base(layer, key, request.Method, request.TopVia!.Branch, destination)
    {
        // Our own copy: the caller's request may borrow a buffer that is reused before the last retransmission.
        _request = request.Bytes.ToArray();
        SwitchLargeRequestToTcp(destination);
        _onProvisional = onProvisional;
        _onResponse = onResponse;
        State = IsInvite ? SipClientTransactionState.Calling : SipClientTransactionState.Trying;
    }

    public SipClientTransactionState State { get; private set; }

    /// <summary>The final response, a timeout (Timer B/F) or a transport error. Continuations run asynchronously.</summary>
    public Task<SipClientResult> Completion => _completion.Task;

    /// <summary>
    /// The request as sent, e.g. for building a CANCEL or an authenticated retry. Empty once an INVITE is answered
    /// with a 2xx: nothing is retransmitted or cancelled from then on, and the transaction (which the TU may keep
    /// for the whole call) need not keep the INVITE.
    /// </summary>
    public ReadOnlyMemory<byte> Request => _request;

    /// <summary>Whether the handler (and whatever it holds) is still referenced; for tests.</summary>
    internal bool HoldsResponseHandler
    {
        get
        {
            lock (Gate)
            {
                return _onResponse is not null;
            }
        }
    }

    private bool IsInvite => Method.Kind == SipMethodKind.Invite;

    /// <summary>
    /// The TU needs no more responses through its handler, e.g. its call ended. The handler usually holds a whole
    /// call; released, it need not outlive the call by Timer D or M (32 s). Only once the transaction has its final
    /// response: before that (Calling, Trying, Proceeding) the handler stays, since a 2xx may still come that the TU
    /// must ACK and end (§13.2.2.4, a 2xx crossing our CANCEL). In Accepted the transaction ends with it, so the 2xx
    /// it completed with is not kept for Timer M either; a 2xx retransmitted later is a stray response.
    /// </summary>
    public void ReleaseResponseHandler()
    {
        lock (Gate)
        {
            if (State is SipClientTransactionState.Calling or SipClientTransactionState.Trying or SipClientTransactionState.Proceeding)
            {
                return;
            }

            _onResponse = null;
            if (State == SipClientTransactionState.Accepted)
            {
                Terminate();
            }
        }
    }

    internal void Start()
    {
        lock (Gate)
        {
            Send(_request);
            if (State == SipClientTransactionState.Terminated)
            {
                return;
            }

            // Timers A and E start at T1 and only run over unreliable transports (§17.1.1.2, §17.1.2.2);
            // Timers B and F (64*T1) run always.
            _interval = Options.T1;
            if (!IsReliable)
            {
                StartRetransmitTimer(_interval);
            }

            StartLifetimeTimer(Options.T1 * 64);
        }
    }

    /// <summary>
    /// Handles a response the layer matched to this transaction; returns after any provisional callback ran.
    /// True for a 2xx in Accepted, which the TU must see (RFC 6026 §8.4).
    /// </summary>
    internal bool OnResponse(SipResponse response)
    {
        var provisional = false;
        var accepted = false;
        bool startDelivery;
        lock (Gate)
        {
            var status = response.StatusCode;
            var active = State is SipClientTransactionState.Calling or SipClientTransactionState.Trying or SipClientTransactionState.Proceeding;
            if (active && status < 200)
            {
                EnterProceeding();
                provisional = true;
                Enqueue(response, completes: false);
            }
            else if (active && IsInvite && status < 300)
            {
                // RFC 6026 §8.4 (replacing §17.1.1.2, where a 2xx ended the transaction): Accepted for Timer M =
                // 64*T1, so 2xx retransmissions and forked 2xx still reach the TU, which ACKs each (§13.2.2.4).
                StopRetransmitTimer();
                State = SipClientTransactionState.Accepted;
                _request = [];
                StartLifetimeTimer(Options.T1 * 64);
                Complete(response);
            }
            else if (State == SipClientTransactionState.Accepted && status is >= 200 and < 300)
            {
                accepted = true;
                Enqueue(response, completes: false);
            }
            else if (active && IsInvite)
            {
                // §17.1.1.2: 300-699 → Completed, ACK sent by the transaction, Timer D (0 when reliable).
                _ack = BuildAck(response);
                Complete(response);
                EnterCompleted(IsReliable ? TimeSpan.Zero : Options.TimerD);
                Send(_ack);
            }
            else if (active)
            {
                // §17.1.2.2: any final response → Completed, Timer K (T4, 0 when reliable).
                Complete(response);
                EnterCompleted(IsReliable ? TimeSpan.Zero : Options.T4);
            }
            else if (State == SipClientTransactionState.Completed && IsInvite && status >= 300 && _ack is not null)
            {
                // A retransmitted final response means our ACK was lost: send it again, tell nobody (§17.1.1.2).
                Send(_ack);
            }

            startDelivery = TakeDeliveryStart();
        }

        if (provisional)
        {
            _onProvisional?.Invoke(this, response);
        }

        if (startDelivery)
        {
            StartDelivery();
        }

        return accepted;
    }

    private void EnterProceeding()
    {
        if (IsInvite)
        {
            // §17.1.1.2: in Proceeding the INVITE is no longer retransmitted and Timer B no longer applies;
            // Timer C takes its place and every provisional restarts it (§16.7 item 2).
            StopRetransmitTimer();
            if (!_timerCFired)
            {
                StartLifetimeTimer(Options.TimerC);
            }
        }

        State = SipClientTransactionState.Proceeding;
    }

    private void EnterCompleted(TimeSpan wait)
    {
        StopRetransmitTimer();
        State = SipClientTransactionState.Completed;
        if (wait <= TimeSpan.Zero)
        {
            Terminate();
        }
        else
        {
            StartLifetimeTimer(wait);
        }
    }

    private protected override void OnRetransmitTimer(TransactionAlarm alarm)
    {
        lock (Gate)
        {
            if (!Claim(alarm))
            {
                return;
            }

            if (State == SipClientTransactionState.Calling)
            {
                // Timer A: resend and double, without the T2 cap (§17.1.1.2).
                Send(_request);
                Layer.ReportRetransmission(this);
                _interval *= 2;
                StartRetransmitTimer(_interval);
            }
            else if (!IsInvite && State is SipClientTransactionState.Trying or SipClientTransactionState.Proceeding)
            {
                // Timer E: doubles up to T2 while Trying; every T2 once Proceeding (§17.1.2.2).
                Send(_request);
                Layer.ReportRetransmission(this);
                _interval = State == SipClientTransactionState.Proceeding ? Options.T2 : Min(_interval * 2, Options.T2);
                StartRetransmitTimer(_interval);
            }
        }
    }

    private protected override void OnLifetimeTimer(TransactionAlarm alarm)
    {
        lock (Gate)
        {
            if (!Claim(alarm))
            {
                return;
            }

            switch (State)
            {
                case SipClientTransactionState.Proceeding when IsInvite && !_timerCFired:
                    // Timer C (§16.8): report the timeout so the TU sends CANCEL, but stay to ACK the 487 that
                    // answers it; give that exchange 64*T1 before letting go.
                    _timerCFired = true;
                    _completion.TrySetResult(new SipClientResult(SipClientOutcome.Timeout, null));
                    StartLifetimeTimer(Options.T1 * 64);
                    break;
                case SipClientTransactionState.Calling or SipClientTransactionState.Trying or SipClientTransactionState.Proceeding:
                    // Timer B or F: the request timed out (§17.1.1.2, §17.1.2.2); or Timer C's grace ended.
                    _completion.TrySetResult(new SipClientResult(SipClientOutcome.Timeout, null));
                    Terminate();
                    break;
                case SipClientTransactionState.Completed or SipClientTransactionState.Accepted:
                    // Timer D or K: stop absorbing retransmitted responses; Timer M (RFC 6026 §8.4): stop passing 2xx up.
                    Terminate();
                    break;
            }
        }
    }

    internal override void OnTransportError()
    {
        lock (Gate)
        {
            if (TryFallBackToUdp())
            {
                return;
            }

            if (State is SipClientTransactionState.Calling or SipClientTransactionState.Trying or SipClientTransactionState.Proceeding)
            {
                _completion.TrySetResult(new SipClientResult(SipClientOutcome.TransportError, null));
                Terminate();
            }
        }
    }

    /// <summary>Layer shutdown: stop timers; a still pending <see cref="Completion"/> is cancelled.</summary>
    internal void Abort()
    {
        lock (Gate)
        {
            _completion.TrySetCanceled();
            Terminate();
        }
    }

    private void Complete(SipResponse response)
    {
        if (_onResponse is null)
        {
            // After Timer C reported the timeout, a late final completes nothing: no copy to make or to leak.
            if (!_completion.Task.IsCompleted)
            {
                _completion.TrySetResult(new SipClientResult(SipClientOutcome.Response, Layer.Detach(response)));
            }
        }
        else
        {
            Enqueue(response, completes: true);
        }
    }

    private void Terminate()
    {
        if (State == SipClientTransactionState.Terminated)
        {
            return;
        }

        State = SipClientTransactionState.Terminated;
        ReleaseResources();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
