using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Storage;

/// <summary>Rate plans (retail and carrier decks). Plans are operator data, shared by all tenants.</summary>
public interface IRatePlanStore
{
    /// <summary>Replaces the plan's whole deck in one transaction and bumps its version.</summary>
    Task<RatePlanSummary> ReplaceAsync(string planId, RatePlanKind kind, string description, IReadOnlyList<RateEntry> entries, CancellationToken cancellationToken = default);

    Task<StoredRateDeck?> LoadAsync(string planId, CancellationToken cancellationToken = default);

    /// <summary>The plan's version, cheap enough to poll; null when the plan does not exist.</summary>
    Task<long?> GetVersionAsync(string planId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RatePlanSummary>> ListAsync(CancellationToken cancellationToken = default);
}
