namespace Switchboard.Grains.Accounts;

/// <summary>What settlement did. <see cref="AlreadySettled"/> is true when an earlier attempt had written it.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.SettlementResult")]
public sealed record SettlementResult(
    [property: Id(0)] string CallId,
    [property: Id(1)] decimal Cost,
    [property: Id(2)] decimal BalanceAfter,
    [property: Id(3)] bool AlreadySettled);
