namespace Switchboard.Grains.Accounts;

/// <summary>
/// Per-account fraud limits checked at INVITE, before any credit is reserved. Prefixes are E.164 digits.
/// An empty <see cref="AllowedCountryPrefixes"/> allows every country. <see cref="BreachesBeforeLock"/> breaches
/// within <see cref="BreachWindowSeconds"/> lock the account. The seeded deny-list of premium-rate and high-risk
/// ranges applies unless <see cref="ApplyDefaultDenyList"/> is false (an operator's explicit decision).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.FraudLimits")]
public sealed record FraudLimits(
    [property: Id(0)] int MaxConcurrentCalls,
    [property: Id(1)] int MaxCallsPerMinute,
    [property: Id(2)] decimal MaxDailySpend,
    [property: Id(3)] IReadOnlyList<string> BlockedPrefixes,
    [property: Id(4)] IReadOnlyList<string> AllowedCountryPrefixes)
{
    [Id(5)]
    public int BreachesBeforeLock { get; init; } = 5;

    [Id(6)]
    public int BreachWindowSeconds { get; init; } = 600;

    [Id(7)]
    public bool ApplyDefaultDenyList { get; init; } = true;

    public static FraudLimits Default { get; } = new(10, 30, 100m, [], []);
}
