namespace Switchboard.Sip.Transactions;

/// <summary>
/// One transaction timer that is set: its lane fires it when due unless the transaction cancelled it first. A
/// cancelled alarm lets go of its transaction at once, so a transaction that ends early is not kept for the rest of
/// a 64*T1 wait by the queue it is in.
/// </summary>
internal sealed class TransactionAlarm
{
    private readonly TransactionTimerLane _lane;
    private SipTransaction? _transaction;

    public TransactionAlarm(TransactionTimerLane lane, SipTransaction transaction, TransactionTimerKind kind, long due)
    {
        _lane = lane;
        _transaction = transaction;
        Kind = kind;
        Due = due;
    }

    public TransactionTimerKind Kind { get; }

    /// <summary>When it falls due, in the lane's <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    public long Due { get; }

    /// <summary>Neither fired nor cancelled yet.</summary>
    public bool IsSet => Volatile.Read(ref _transaction) is not null;

    public void Cancel()
    {
        if (Interlocked.Exchange(ref _transaction, null) is not null)
        {
            _lane.OnCancelled();
        }
    }

    /// <summary>Runs the transaction's handler once; the handler checks, under its lock, that this is still its alarm.</summary>
    public void Fire()
    {
        if (Interlocked.Exchange(ref _transaction, null) is { } transaction)
        {
            transaction.OnAlarm(this);
        }
    }
}
