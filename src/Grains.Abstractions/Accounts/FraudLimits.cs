namespace Switchboard.Grains.Accounts;

/// <summary>Per-account fraud limits checked at INVITE, before any credit is reserved.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.FraudLimits")]
public sealed record FraudLimits(
    [property: Id(0)] int MaxConcurrentCalls,
    [property: Id(1)] int MaxCallsPerMinute,
    [property: Id(2)] decimal MaxDailySpend,
    [property: Id(3)] IReadOnlyList<string> BlockedPrefixes,
    [property: Id(4)] IReadOnlyList<string> AllowedCountryPrefixes)
{
    public static FraudLimits Default { get; } = new(10, 30, 100m, [], []);
}
