using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Storage.InMemory;

public sealed class InMemoryFraudAlertStore(InMemoryBillingData data) : IFraudAlertStore
{
    public Task AddAsync(FraudAlert alert, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            data.FraudAlerts.Add(alert);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FraudAlert>> ListAsync(FraudAlertQuery query, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            var rows = data.FraudAlerts
                .Where(a => (query.TenantId is null || a.TenantId == query.TenantId) &&
                            (query.AccountId is null || a.AccountId == query.AccountId) &&
                            (query.Since is null || a.RaisedAt >= query.Since))
                .OrderByDescending(a => a.RaisedAt);
            return Task.FromResult(InMemoryBillingData.Page(rows, query.Offset, query.Limit));
        }
    }
}
