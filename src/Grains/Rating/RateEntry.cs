using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Rating;

/// <summary>
/// One row of a rate deck: a destination prefix (E.164 digits), its price and billing increments, and the window in
/// which it applies (<see cref="EffectiveTo"/> exclusive, null for open-ended). Money is EUR.
/// </summary>
public sealed record RateEntry(
    string Prefix,
    string Description,
    decimal PricePerMinute,
    decimal ConnectFee,
    int FirstIncrementSeconds,
    int NextIncrementSeconds,
    int MinimumSeconds,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo)
{
    public bool IsEffectiveAt(DateTimeOffset at) => EffectiveFrom <= at && (EffectiveTo is not { } to || at < to);

    /// <summary>The wire form, built once per entry (not per call) because every call through this prefix carries it.</summary>
    public AppliedRate Applied { get; } = new(
        Prefix, Description, PricePerMinute, ConnectFee, FirstIncrementSeconds, NextIncrementSeconds, MinimumSeconds);

    public AppliedRate ToAppliedRate() => Applied;
}
