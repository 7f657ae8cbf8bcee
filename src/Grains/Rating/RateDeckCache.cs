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

    /// <summary>
    /// The plan's deck, or null when no such plan exists. Concurrent callers share one load (a cold silo taking a
    /// burst of INVITEs loads a 100k-row deck once, not once per call), and when the refresh period has passed one
    /// caller checks the version while the others keep rating with the deck they have.
    /// </summary>
    public async ValueTask<RateDeck?> GetAsync(string planId, CancellationToken cancellationToken = default)
    {
        var now = time.GetTimestamp();
        var slot = _slots.GetOrAdd(planId, static (id, arg) => arg.Cache.NewSlot(id, arg.Now), (Cache: this, Now: now));
        if (time.GetElapsedTime(slot.CheckedAt, now) >= _refresh && slot.Load.Value.IsCompletedSuccessfully)
        {
            var claimed = slot with { CheckedAt = now };
            if (_slots.TryUpdate(planId, claimed, slot))
            {
                slot = await RefreshAsync(planId, claimed, now, cancellationToken);
            }
        }

        try
        {
            return (await slot.Load.Value)?.Deck;
        }
        catch
        {
            // A failed load must not be served from the cache: the next caller tries again.
            _slots.TryRemove(KeyValuePair.Create(planId, slot));
            throw;
        }
    }

    /// <summary>Forgets a plan so the next lookup reloads it (called after an import on this silo).</summary>
    public void Invalidate(string planId) => _slots.TryRemove(planId, out _);

    private async Task<Slot> RefreshAsync(string planId, Slot claimed, long now, CancellationToken cancellationToken)
    {
        var current = claimed.Load.Value.Result;
        long? version;
        try
        {
            version = await store.GetVersionAsync(planId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is unreachable: keep rating with the deck we have rather than failing INVITEs.
            return claimed;
        }

        if (version == current?.Version)
        {
            return claimed;
        }

        var reload = NewSlot(planId, now);
        _slots[planId] = reload;
        return reload;
    }

    private Slot NewSlot(string planId, long now) => new(new Lazy<Task<CachedDeck?>>(() => LoadAsync(planId)), now);

    private async Task<CachedDeck?> LoadAsync(string planId)
    {
        var stored = await store.LoadAsync(planId);
        return stored is null ? null : new CachedDeck(stored.Plan.Version, RateDeck.Create(stored.Entries));
    }

    private sealed record CachedDeck(long Version, RateDeck Deck);

    private sealed record Slot(Lazy<Task<CachedDeck?>> Load, long CheckedAt);
}
