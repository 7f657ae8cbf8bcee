namespace Switchboard.Sip.Transactions;

/// <summary>Server transaction states (RFC 3261 Figures 7 and 8); Confirmed applies to INVITE, Trying to non-INVITE.</summary>
public enum SipServerTransactionState
{
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Terminated,
}
