namespace Switchboard.Grains.Billing;

/// <summary>
/// The rate a call was priced with: matched prefix, price per minute, connect fee and billing increments
/// (for example 60/60 or 30/6: first increment then each following increment, in seconds).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.AppliedRate")]
public sealed record AppliedRate(
    [property: Id(0)] string Prefix,
    [property: Id(1)] string Description,
    [property: Id(2)] decimal PricePerMinute,
    [property: Id(3)] decimal ConnectFee,
    [property: Id(4)] int FirstIncrementSeconds,
    [property: Id(5)] int NextIncrementSeconds,
    [property: Id(6)] int MinimumSeconds);
