namespace Switchboard.Sip.Transactions;

/// <summary>
/// Server transaction states (RFC 3261 Figures 7 and 8, Figure 7 as updated by RFC 6026 §7.1); Confirmed and
/// Accepted apply to INVITE, Trying to non-INVITE.
/// </summary>
public enum SipServerTransactionState
{
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Terminated,

    /// <summary>A 2xx was sent (RFC 6026 §8.5): INVITE retransmissions are absorbed, ACKs go to the TU, Timer L ends it.</summary>
    Accepted,
}
