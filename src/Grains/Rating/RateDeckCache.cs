using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Rating;

/// <summary>
/// Rate decks cached per silo, shared by every account grain on it. A silo-wide cache rather than a rate-plan grain:
/// a grain would be one activation somewhere in the cluster, so every INVITE would pay a grain hop (and all traffic
/// of a popular plan would queue on one activation), or the multi-megabyte deck would be copied to each caller.
/// Here rating is an in-process function call on an immutable <see cref="RateDeck"/>. Freshness: an import on this
/// silo invalidates at once; other silos notice the new version within <see cref="BillingOptions.RateDeckRefresh"/>
/// by polling the plan's version, one cheap query per plan per period.
/// </summary>
public sealed class RateDeckCache(IRatePlanStore store, TimeProvider time, IOptions<BillingOptions> options)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly TimeSpan _refresh = options.Value.RateDeckRefresh;

    /// <summary>The plan's deck, or null when no such plan exists.</summary>
    public async ValueTask<RateDeck?> GetAsync(string planId, CancellationToken cancellationToken = default)
    {
        var now = time.GetTimestamp();
        if (_slots.TryGetValue(planId, out var slot) && time.GetElapsedTime(slot.CheckedAt, now) < _refresh)
        {
            return (await slot.Load)?.Deck;
        }

        if (slot is { Load.IsCompletedSuccessfully: true } && slot.Load.Result is { } current &&
            await store.GetVersionAsync(planId, cancellationToken) == current.Version)
        {
            _slots[planId] = slot with { CheckedAt = now };
            return current.Deck;
        }

        var load = LoadAsync(planId);
        _slots[planId] = new Slot(load, now);
        try
        {
            return (await load)?.Deck;
        }
        catch
        {
            // A failed load must not be served from the cache until the refresh period passes.
            _slots.TryRemove(new KeyValuePair<string, Slot>(planId, new Slot(load, now)));
            throw;
        }
    }

    /// <summary>Forgets a plan so the next lookup reloads it (called after an import on this silo).</summary>
    public void Invalidate(string planId) => _slots.TryRemove(planId, out _);

    private async Task<CachedDeck?> LoadAsync(string planId)
    {
        var stored = await store.LoadAsync(planId);
        return stored is null ? null : new CachedDeck(stored.Plan.Version, RateDeck.Create(stored.Entries));
    }

    private sealed record CachedDeck(long Version, RateDeck Deck);

    private sealed record Slot(Task<CachedDeck?> Load, long CheckedAt);
}
