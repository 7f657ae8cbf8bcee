using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage.InMemory;

public sealed class InMemoryAccountStore(InMemoryBillingData data, TimeProvider time) : IAccountStore
{
    public Task<AccountRecord?> InsertAsync(string accountId, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var record = new AccountRecord(accountId, settings.TenantId, settings.RatePlanId, settings.CreditLimit,
            AccountStatus.Active, "", settings.FraudLimits, 0m, now, now);
        lock (data.Gate)
        {
            // Under the gate, as the primary key is in PostgreSQL: one of two concurrent inserts wins.
            return Task.FromResult(data.Accounts.TryAdd(accountId, record) ? record : null);
        }
    }

    public Task<AccountRecord> UpsertAsync(string accountId, AccountSettings settings, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        lock (data.Gate)
        {
            var record = data.Accounts.TryGetValue(accountId, out var existing)
                ? existing with
                {
                    TenantId = settings.TenantId, RatePlanId = settings.RatePlanId, CreditLimit = settings.CreditLimit,
                    FraudLimits = settings.FraudLimits, UpdatedAt = now,
                }
                : new AccountRecord(accountId, settings.TenantId, settings.RatePlanId, settings.CreditLimit,
                    AccountStatus.Active, "", settings.FraudLimits, 0m, now, now);
            data.Accounts[accountId] = record;
            return Task.FromResult(record);
        }
    }

    public Task<AccountRecord?> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult(data.Accounts.GetValueOrDefault(accountId));
        }
    }

    public Task<AccountRecord?> SetStatusAsync(string accountId, AccountStatus status, string reason, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            if (!data.Accounts.TryGetValue(accountId, out var existing))
            {
                return Task.FromResult<AccountRecord?>(null);
            }

            if (existing.Status == AccountStatus.Cancelled)
            {
                return Task.FromResult<AccountRecord?>(existing);
            }

            var record = existing with { Status = status, StatusReason = reason, UpdatedAt = time.GetUtcNow() };
            data.Accounts[accountId] = record;
            return Task.FromResult<AccountRecord?>(record);
        }
    }

    public Task<BalanceChange> CreditAsync(string accountId, AccountCredit credit, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult(data.Post(accountId, credit.Reference, LedgerEntryKind.Credit, credit.Amount, credit.Description, time.GetUtcNow()));
        }
    }

    public Task<IReadOnlyList<AccountRecord>> ListAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            var rows = data.Accounts.Values
                .Where(a => query.TenantId is null || a.TenantId == query.TenantId)
                .OrderByDescending(a => a.CreatedAt).ThenBy(a => a.AccountId, StringComparer.Ordinal);
            return Task.FromResult(InMemoryBillingData.Page(rows, query.Offset, query.Limit));
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            if (!data.Accounts.TryGetValue(query.AccountId, out var account) ||
                (query.TenantId is not null && account.TenantId != query.TenantId))
            {
                return Task.FromResult<IReadOnlyList<LedgerEntry>>([]);
            }

            var rows = data.Ledger
                .Where(e => e.AccountId == query.AccountId &&
                            (query.From is null || e.CreatedAt >= query.From) &&
                            (query.To is null || e.CreatedAt < query.To))
                .OrderByDescending(e => e.EntryId);
            return Task.FromResult(InMemoryBillingData.Page(rows, query.Offset, query.Limit));
        }
    }
}
