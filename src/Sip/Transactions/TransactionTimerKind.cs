namespace Switchboard.Sip.Transactions;

/// <summary>The two timers a transaction state can need at once (RFC 3261 §17).</summary>
internal enum TransactionTimerKind
{
    /// <summary>Timers A, E and G: resend the request or the final response.</summary>
    Retransmit,

    /// <summary>Timers B, C, D, F, H, I, J, K, L and M: give up, or stop absorbing retransmissions.</summary>
    Lifetime,
}
