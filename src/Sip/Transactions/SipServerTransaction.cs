using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

/// <summary>
/// An INVITE (RFC 3261 §17.2.1, Figure 7) or non-INVITE (§17.2.2, Figure 8) server transaction. The layer creates it
/// for each new request; the TU answers with <see cref="Respond(SipResponseBuilder)"/>. Responses go back to the
/// request's source end point (over its connection for TCP/TLS, §18.2.2; to the source port for UDP, RFC 3581 §4).
/// A 2xx to INVITE moves it to Accepted (RFC 6026 §8.5) rather than ending it, so INVITE retransmissions stay
/// absorbed while the TU retransmits the 2xx (<see cref="RetransmitResponse"/>) until the ACK.
/// </summary>
public sealed class SipServerTransaction : SipTransaction
{
    private readonly string? _requestToTag;
    private byte[]? _lastResponse;
    private TimeSpan _interval;

    internal SipServerTransaction(SipTransactionLayer layer, string key, SipRequest request, SipEndPoint source, bool rfc3261)
        : base(layer, key, request.Method, request.TopVia!.Branch, source)
    {
        _requestToTag = request.To.Tag;
        IsRfc2543 = !rfc3261;
        State = IsInvite ? SipServerTransactionState.Proceeding : SipServerTransactionState.Trying;
    }

    public SipServerTransactionState State { get; private set; }

    /// <summary>The status code of the last response sent; 0 before the first.</summary>
    public int LastStatusCode { get; private set; }

    /// <summary>For an INVITE: whether a CANCEL for it arrived (RFC 3261 §9.2). The TU still sends the 487.</summary>
    public bool IsCancelled { get; internal set; }

    /// <summary>
    /// Whatever the TU keeps for this transaction (e.g. the request it is answering), so a CANCEL's target
    /// (§9.2) or an ACK's INVITE (RFC 6026 §8.5) leads back to it. Cleared once neither can come any more (a
    /// non-INVITE answered, an INVITE's non-2xx acknowledged, the transaction ended) or when the TU lets go
    /// (<see cref="ReleaseOwner"/>): the transaction stays up to 64·T1 to absorb retransmissions, and what the
    /// TU keeps (a parsed request, a whole call) need not stay with it.
    /// </summary>
    public object? Owner { get; set; }

    /// <summary>Matched by the RFC 2543 rules (§17.2.3) because the branch lacked the magic cookie.</summary>
    internal bool IsRfc2543 { get; }

    /// <summary>The To tag the request carried (null for an out-of-dialog request).</summary>
    internal string? RequestToTag => _requestToTag;

    /// <summary>The To tag of the final response, which an RFC 2543 ACK must echo (§17.2.3).</summary>
    internal string? ResponseToTag { get; private set; }

    /// <summary>The §8.2.2.2 key this transaction owns in the layer's merge table, if any.</summary>
    internal string? MergeKey { get; set; }

    private bool IsInvite => Method.Kind == SipMethodKind.Invite;

    /// <summary>The TU is done with this transaction (its call ended): the CANCEL or ACK that might still come finds nothing.</summary>
    public void ReleaseOwner()
    {
        lock (Gate)
        {
            Owner = null;
        }
    }

    internal void Begin()
    {
        // Not RFC 3261 itself: a TU that never answers must not keep the transaction forever. Under the lock like
        // every other timer change: the transaction is already in the layer's table.
        lock (Gate)
        {
            StartLifetimeTimer(Options.AbandonedServerTransactionTimeout);
        }
    }

    /// <summary>Sends a response built for the request; call while the request the builder refers to is alive.</summary>
    /// <exception cref="InvalidOperationException">A response after the final one: a TU bug.</exception>
    public void Respond(SipResponseBuilder response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Respond(response.StatusCode, response.ToArray(), response.ToTag ?? _requestToTag);
    }

    /// <summary>
    /// Sends a response unless the final one was already sent (false then): for a TU where a CANCEL (§9.2), a
    /// timeout and an answer may race to finish the same transaction.
    /// </summary>
    public bool TryRespond(SipResponseBuilder response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            if (State is not (SipServerTransactionState.Trying or SipServerTransactionState.Proceeding))
            {
                return false;
            }

            Respond(response);
            return true;
        }
    }

    /// <summary>
    /// Passes the 2xx to the transport again. RFC 3261 §13.3.1.4 makes the UA core retransmit its 2xx until the
    /// ACK; RFC 6026 §8.5 lets it do so through the Accepted transaction. False in any other state.
    /// </summary>
    public bool RetransmitResponse()
    {
        lock (Gate)
        {
            if (State != SipServerTransactionState.Accepted || _lastResponse is null)
            {
                return false;
            }

            Send(_lastResponse);
            return true;
        }
    }

    /// <summary>
    /// The TU's 2xx retransmissions are over (its ACK came, §13.3.1.4): for the rest of Timer L the transaction only
    /// absorbs INVITE retransmissions, which needs no response, so the 2xx (about 1 KB) need not stay for 32 s.
    /// <see cref="RetransmitResponse"/> returns false from here. The TU says so, not the transaction: the ACK for a
    /// 2xx usually comes on a branch of its own (§17.1.1.3), and the TU may refuse one that matched.
    /// </summary>
    public void ReleaseResponse()
    {
        lock (Gate)
        {
            if (State == SipServerTransactionState.Accepted)
            {
                _lastResponse = null;
            }
        }
    }

    /// <summary>Sends an already parsed or built response (its bytes are copied for retransmission).</summary>
    public void Respond(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Respond(response.StatusCode, response.Bytes.ToArray(), response.To.Tag);
    }

    private void Respond(int status, byte[] bytes, string? toTag)
    {
        lock (Gate)
        {
            if (State is not (SipServerTransactionState.Trying or SipServerTransactionState.Proceeding))
            {
                throw new InvalidOperationException($"The {Method} transaction is {State}; it already sent its final response.");
            }

            _lastResponse = bytes;
            LastStatusCode = status;
            if (status < 200)
            {
                // §17.2.2: a provisional response moves a non-INVITE transaction from Trying to Proceeding.
                State = SipServerTransactionState.Proceeding;
                Send(bytes);
                return;
            }

            ResponseToTag = toTag;
            StopLifetimeTimer();
            if (IsInvite && status < 300)
            {
                // RFC 6026 §8.5 (replacing §17.2.1, where a 2xx ended the transaction): Accepted for Timer L = 64*T1,
                // so a retransmitted INVITE is absorbed instead of reaching the TU as a new request; the TU
                // retransmits the 2xx itself until the ACK (§13.3.1.4).
                State = SipServerTransactionState.Accepted;
                StartLifetimeTimer(Options.T1 * 64);
                Send(bytes);
                return;
            }

            State = SipServerTransactionState.Completed;
            if (IsInvite)
            {
                // Timer G (retransmit, unreliable only) and Timer H (give up waiting for the ACK), §17.2.1.
                _interval = Options.T1;
                if (!IsReliable)
                {
                    StartRetransmitTimer(_interval);
                }

                StartLifetimeTimer(Options.T1 * 64);
            }
            else if (IsReliable)
            {
                // Timer J is zero over reliable transports (§17.2.2).
                Owner = null;
                Terminate();
            }
            else
            {
                // Timer J only absorbs retransmissions from here (§17.2.2); nothing reaches the TU any more.
                Owner = null;
                StartLifetimeTimer(Options.T1 * 64);
            }

            Send(bytes);
        }
    }

    /// <summary>A retransmission of the request: resend the last response, if the state calls for it.</summary>
    internal void OnRetransmission()
    {
        lock (Gate)
        {
            // §17.2.1: INVITE in Proceeding or Completed resends its last response; §17.2.2: non-INVITE does so in
            // Proceeding and Completed but absorbs silently while Trying (no response yet). RFC 6026 §8.5: in
            // Accepted the INVITE is absorbed silently too; the 2xx is the TU's to retransmit.
            if (_lastResponse is not null && State is SipServerTransactionState.Proceeding or SipServerTransactionState.Completed)
            {
                Send(_lastResponse);
            }
        }
    }

    /// <summary>
    /// An ACK matched this transaction. For our non-2xx final (§17.2.1): Completed → Confirmed, Timer I, absorbed.
    /// In Accepted it acknowledges our 2xx and goes to the TU (RFC 6026 §8.5): true.
    /// </summary>
    internal bool OnAck()
    {
        lock (Gate)
        {
            if (State == SipServerTransactionState.Accepted)
            {
                return true;
            }

            if (State != SipServerTransactionState.Completed || !IsInvite)
            {
                return false;
            }

            StopRetransmitTimer();
            State = SipServerTransactionState.Confirmed;
            Owner = null;
            if (IsReliable)
            {
                Terminate();
            }
            else
            {
                StartLifetimeTimer(Options.T4);
            }

            return false;
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

            if (State == SipServerTransactionState.Completed && IsInvite && _lastResponse is not null)
            {
                // Timer G: resend the final response, doubling up to T2 (§17.2.1).
                Send(_lastResponse);
                Layer.ReportRetransmission(this);
                _interval = _interval * 2 < Options.T2 ? _interval * 2 : Options.T2;
                StartRetransmitTimer(_interval);
            }
        }
    }

    private protected override void OnLifetimeTimer(TransactionAlarm alarm)
    {
        SipTransactionError? error = null;
        lock (Gate)
        {
            if (!Claim(alarm))
            {
                return;
            }

            switch (State)
            {
                case SipServerTransactionState.Completed when IsInvite:
                    error = SipTransactionError.AckTimeout;  // Timer H
                    break;
                case SipServerTransactionState.Trying or SipServerTransactionState.Proceeding:
                    error = SipTransactionError.Abandoned;
                    break;
                case SipServerTransactionState.Terminated:
                    return;
            }

            // Timer I (Confirmed), Timer J (non-INVITE Completed), Timer L (Accepted, RFC 6026 §8.5), or a failure above.
            Terminate();
        }

        if (error is { } e)
        {
            Layer.ReportServerError(this, e);
        }
    }

    internal override void OnTransportError()
    {
        lock (Gate)
        {
            if (State == SipServerTransactionState.Terminated)
            {
                return;
            }

            Terminate();
        }

        Layer.ReportServerError(this, SipTransactionError.TransportError);
    }

    /// <summary>Layer shutdown: stop timers, report nothing.</summary>
    internal void Abort()
    {
        lock (Gate)
        {
            Terminate();
        }
    }

    private void Terminate()
    {
        if (State == SipServerTransactionState.Terminated)
        {
            return;
        }

        State = SipServerTransactionState.Terminated;
        ReleaseResources();
    }
}
