using Switchboard.Grains.Billing;
using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Accounts;

/// <summary>
/// Group commit for one account grain: settlements, answered leases and renewals that arrive while a write is in
/// flight go out together in the next one, so a busy account pays one database round trip per batch instead of
/// one per call. Runs on the grain's scheduler (the grain's journal methods interleave), so it needs no lock.
/// </summary>
internal sealed class AccountJournal(ICallLeaseStore store, TimeProvider time, Telemetry.SwitchboardMetrics metrics)
{
    /// <summary>
    /// How long an answered call's lease waits before it is written. A call that ends sooner never needs one (its
    /// settlement is the record); the others ride along with the next write. The price: a call lost together with its
    /// account within this long of its answer is not billed (at most this long of talk time).
    /// </summary>
    public static readonly TimeSpan LeaseDelay = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, (CallLease Lease, long At)> _deferred = new(StringComparer.Ordinal);

    /// <summary>
    /// The deferred leases in the order they arrived, so each write takes the due ones from the front instead of
    /// scanning every answered call of the last <see cref="LeaseDelay"/> (at 2,000 calls/s, thousands per write). An
    /// entry whose call settled or answered again since no longer matches <see cref="_deferred"/> and is dropped.
    /// </summary>
    private readonly Queue<(string CallId, long At)> _arrivals = new();
    private JournalBatch _pending = new();
    private List<TaskCompletionSource<SettlementOutcome>> _waiters = [];
    private TaskCompletionSource? _durable;
    private Task? _flushing;

    /// <summary>The balance after the latest committed settlement, in commit order.</summary>
    public decimal? Balance { get; private set; }

    public Task<SettlementOutcome> Settle(CallDetailRecord rated)
    {
        _deferred.Remove(rated.CallId);
        var waiter = new TaskCompletionSource<SettlementOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Settlements.Add(rated);
        _waiters.Add(waiter);
        Kick();
        return waiter.Task;
    }

    /// <summary>Journals the lease of an answered call, after <see cref="LeaseDelay"/> (see <see cref="WriteDueLeases"/>).</summary>
    public void Answered(CallLease lease)
    {
        var at = time.GetTimestamp();
        _deferred[lease.CallId] = (lease, at);
        _arrivals.Enqueue((lease.CallId, at));
    }

    /// <summary>Writes the leases that waited long enough; the account's periodic lease check calls it.</summary>
    public Task WriteDueLeases() => TakeDueLeases() > 0 ? Durable() : Task.CompletedTask;

    private int TakeDueLeases()
    {
        var taken = 0;
        while (_arrivals.TryPeek(out var head) && time.GetElapsedTime(head.At) >= LeaseDelay)
        {
            _arrivals.Dequeue();
            if (_deferred.TryGetValue(head.CallId, out var entry) && entry.At == head.At)
            {
                _pending.Answered.Add(entry.Lease);
                _deferred.Remove(head.CallId);
                taken++;
            }
        }

        return taken;
    }

    public Task Renewed(IEnumerable<string> callIds)
    {
        _pending.Renewed.AddRange(callIds);
        return Durable();
    }

    private Task Durable()
    {
        _durable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _durable.Task;
        Kick();
        return task;
    }

    private void Kick() => _flushing ??= FlushAsync();

    private async Task FlushAsync()
    {
        // Let the requests already queued on this activation add themselves to the first batch.
        await Task.Yield();
        TakeDueLeases();
        while (!_pending.IsEmpty)
        {
            var batch = _pending;
            var waiters = _waiters;
            var durable = _durable;
            _pending = new JournalBatch();
            _waiters = [];
            _durable = null;
            batch.RenewedAt = time.GetUtcNow();
            try
            {
                var outcomes = await store.CommitAsync(batch);
                metrics.JournalWritten(batch.Settlements.Count, batch.Answered.Count, batch.Renewed.Count);
                if (outcomes.Count > 0)
                {
                    Balance = outcomes[^1].Balance;
                }

                for (var i = 0; i < waiters.Count; i++)
                {
                    waiters[i].TrySetResult(outcomes[i]);
                }

                durable?.TrySetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Each settlement's caller retries; a lost lease write is repeated by the next renewal's re-attach.
                foreach (var waiter in waiters)
                {
                    waiter.TrySetException(ex);
                }

                durable?.TrySetException(ex);
            }
        }

        _flushing = null;
    }
}
