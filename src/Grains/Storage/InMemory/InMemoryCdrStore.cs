using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage.InMemory;

public sealed class InMemoryCdrStore(InMemoryBillingData data, TimeProvider time) : ICdrStore
{
    public Task<SettlementOutcome> SettleAsync(CallDetailRecord rated, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            if (!data.Accounts.TryGetValue(rated.AccountId, out var account))
            {
                throw new InvalidOperationException($"Account {rated.AccountId} does not exist");
            }

            if (data.Cdrs.TryGetValue(rated.CallId, out var first))
            {
                return Task.FromResult(new SettlementOutcome(true, first, account.Balance));
            }

            var now = time.GetUtcNow();
            var stored = rated with { SettledAt = now };
            data.Cdrs[rated.CallId] = stored;
            data.Leases.Remove(rated.CallId);
            var balance = account.Balance;
            if (rated.Cost != 0m)
            {
                balance = data.Post(rated.AccountId, CdrReferences.Ledger(rated.CallId), LedgerEntryKind.Call, -rated.Cost,
                    CdrReferences.Description(rated), now).Balance;
            }

            return Task.FromResult(new SettlementOutcome(false, stored, balance));
        }
    }

    public Task<CallDetailRecord?> GetAsync(string callId, string? tenantId, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult(data.Cdrs.TryGetValue(callId, out var cdr) && (tenantId is null || cdr.TenantId == tenantId)
                ? cdr
                : null);
        }
    }

    public Task<IReadOnlyList<CallDetailRecord>> SearchAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            var rows = data.Cdrs.Values
                .Where(c => (query.TenantId is null || c.TenantId == query.TenantId) &&
                            (query.AccountId is null || c.AccountId == query.AccountId) &&
                            (query.Number is null || c.Caller.StartsWith(query.Number, StringComparison.Ordinal) ||
                             c.Callee.StartsWith(query.Number, StringComparison.Ordinal)) &&
                            (query.From is null || c.StartedAt >= query.From) &&
                            (query.To is null || c.StartedAt < query.To))
                .OrderByDescending(c => c.StartedAt).ThenBy(c => c.CallId, StringComparer.Ordinal);
            return Task.FromResult(InMemoryBillingData.Page(rows, query.Offset, query.Limit));
        }
    }

    public Task<decimal> SpentSinceAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult(data.Cdrs.Values.Where(c => c.AccountId == accountId && c.EndedAt >= since).Sum(c => c.Cost));
        }
    }
}
