using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Storage;

/// <summary>A rate plan with all its rows, in import order.</summary>
public sealed record StoredRateDeck(RatePlanSummary Plan, IReadOnlyList<RateEntry> Entries);
