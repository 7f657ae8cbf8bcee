namespace Switchboard.Sip.Transactions;

/// <summary>Client transaction states (RFC 3261 Figures 5 and 6); Calling applies to INVITE, Trying to non-INVITE.</summary>
public enum SipClientTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Terminated,
}
