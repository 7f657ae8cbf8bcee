namespace Switchboard.Sip.Transactions;

/// <summary>
/// Client transaction states (RFC 3261 Figures 5 and 6, Figure 5 as updated by RFC 6026 §7.2); Calling and
/// Accepted apply to INVITE, Trying to non-INVITE.
/// </summary>
public enum SipClientTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Terminated,

    /// <summary>A 2xx arrived (RFC 6026 §8.4): further 2xx (retransmitted or forked) go to the TU until Timer M.</summary>
    Accepted,
}
