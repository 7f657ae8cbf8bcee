namespace Switchboard.Grains.Storage.InMemory;

/// <summary>The embedded node's lease journal: same rules as the PostgreSQL one, under the billing data's lock.</summary>
public sealed class InMemoryCallLeaseStore(InMemoryBillingData data, ICdrStore cdrs) : ICallLeaseStore
{
    public async Task<IReadOnlyList<SettlementOutcome>> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        // Settlement drops the call's lease in the same step, as the PostgreSQL statement does.
        var outcomes = new List<SettlementOutcome>(batch.Settlements.Count);
        foreach (var cdr in batch.Settlements)
        {
            outcomes.Add(await cdrs.SettleAsync(cdr, cancellationToken));
        }

        lock (data.Gate)
        {
            foreach (var lease in batch.Answered)
            {
                if (!data.Cdrs.ContainsKey(lease.CallId))
                {
                    data.Leases.TryAdd(lease.CallId, new StoredLease(lease, batch.RenewedAt));
                }
            }

            foreach (var callId in batch.Renewed)
            {
                if (data.Leases.TryGetValue(callId, out var stored))
                {
                    data.Leases[callId] = stored with { RenewedAt = batch.RenewedAt };
                }
            }
        }

        return outcomes;
    }

    public Task<IReadOnlyList<StoredLease>> LoadAsync(string accountId, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult<IReadOnlyList<StoredLease>>([.. data.Leases.Values.Where(l => l.Lease.Cdr.AccountId == accountId)]);
        }
    }

    public Task<IReadOnlyList<string>> AccountsWithLeasesRenewedBeforeAsync(DateTimeOffset renewedBefore, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                [.. data.Leases.Values.Where(l => l.RenewedAt < renewedBefore).Select(l => l.Lease.Cdr.AccountId).Distinct()]);
        }
    }
}
