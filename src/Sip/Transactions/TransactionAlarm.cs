namespace Switchboard.Sip.Transactions;

/// <summary>
/// One transaction timer that is set: a link in its lane's list, which fires it when due unless the transaction
/// cancelled it first. Cancelling unlinks it at once, so neither the alarm nor its transaction stays behind for the
/// rest of a 64*T1 wait or a 10-minute abandoned-transaction timeout.
/// </summary>
internal sealed class TransactionAlarm
{
    public TransactionAlarm(TransactionTimerLane lane, SipTransaction transaction, TransactionTimerKind kind, long due)
    {
        Lane = lane;
        Transaction = transaction;
        Kind = kind;
        Due = due;
    }

    public TransactionTimerKind Kind { get; }

    /// <summary>When it falls due, in the lane's <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    public long Due { get; }

    internal TransactionTimerLane Lane { get; }

    /// <summary>Null once fired or cancelled. Read and written under the lane's lock.</summary>
    internal SipTransaction? Transaction { get; set; }

    // The lane's list, in order of due time. Under the lane's lock.
    internal TransactionAlarm? Previous { get; set; }

    internal TransactionAlarm? Next { get; set; }

    public void Cancel() => Lane.Cancel(this);
}
