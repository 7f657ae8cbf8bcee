using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Tests.Support;

/// <summary>A real rate plan store that counts how often the deck cache loads a deck or polls its version.</summary>
public sealed class CountingRatePlanStore(IRatePlanStore inner) : IRatePlanStore
{
    private int _loads;
    private int _versionChecks;

    public int Loads => _loads;

    public int VersionChecks => _versionChecks;

    public Task<RatePlanSummary> ReplaceAsync(string planId, RatePlanKind kind, string description, IReadOnlyList<RateEntry> entries, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(planId, kind, description, entries, cancellationToken);

    public async Task<StoredRateDeck?> LoadAsync(string planId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _loads);
        await Task.Delay(50, cancellationToken); // a deck takes a while to load: callers must overlap
        return await inner.LoadAsync(planId, cancellationToken);
    }

    public Task<long?> GetVersionAsync(string planId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _versionChecks);
        return inner.GetVersionAsync(planId, cancellationToken);
    }

    public Task<IReadOnlyList<RatePlanSummary>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
}
