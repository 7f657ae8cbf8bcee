using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Storage.InMemory;

public sealed class InMemoryRatePlanStore(InMemoryBillingData data, TimeProvider time) : IRatePlanStore
{
    public Task<RatePlanSummary> ReplaceAsync(string planId, RatePlanKind kind, string description, IReadOnlyList<RateEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            var version = data.RatePlans.TryGetValue(planId, out var old) ? old.Plan.Version + 1 : 1;
            var plan = new RatePlanSummary(planId, kind, description, entries.Count, version, time.GetUtcNow());
            data.RatePlans[planId] = new StoredRateDeck(plan, [.. entries]);
            return Task.FromResult(plan);
        }
    }

    public Task<StoredRateDeck?> LoadAsync(string planId, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult(data.RatePlans.GetValueOrDefault(planId));
        }
    }

    public Task<long?> GetVersionAsync(string planId, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult(data.RatePlans.TryGetValue(planId, out var deck) ? deck.Plan.Version : (long?)null);
        }
    }

    public Task<IReadOnlyList<RatePlanSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            return Task.FromResult<IReadOnlyList<RatePlanSummary>>(
                [.. data.RatePlans.Values.Select(d => d.Plan).OrderBy(p => p.PlanId, StringComparer.Ordinal)]);
        }
    }
}
