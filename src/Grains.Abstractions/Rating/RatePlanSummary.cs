namespace Switchboard.Grains.Rating;

/// <summary>A rate plan as listed: <see cref="Version"/> grows with every import and lets silos notice a new deck.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.RatePlanSummary")]
public sealed record RatePlanSummary(
    [property: Id(0)] string PlanId,
    [property: Id(1)] RatePlanKind Kind,
    [property: Id(2)] string Description,
    [property: Id(3)] int RateCount,
    [property: Id(4)] long Version,
    [property: Id(5)] DateTimeOffset ImportedAt);
