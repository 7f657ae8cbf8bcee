namespace Switchboard.Grains.Accounts;

/// <summary>
/// What settlement did. <see cref="AlreadySettled"/> is true when an earlier attempt had written it; the figures
/// are then those of that first settlement, so a retry sees the same answer.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.SettlementResult")]
public sealed record SettlementResult(
    [property: Id(0)] string CallId,
    [property: Id(1)] decimal Cost,
    [property: Id(2)] decimal BalanceAfter,
    [property: Id(3)] bool AlreadySettled)
{
    [Id(4)]
    public int BilledSeconds { get; init; }

    [Id(5)]
    public decimal CarrierCost { get; init; }

    public decimal Margin => Cost - CarrierCost;
}
