namespace Switchboard.Grains.TopUps;

/// <summary>A crypto top-up as recorded: one per (coin, hash). <see cref="EurAmount"/> is what was (or will be) credited.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TopUp")]
public sealed record TopUp(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Coin,
    [property: Id(3)] string TxHash,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] int Confirmations,
    [property: Id(6)] int RequiredConfirmations,
    [property: Id(7)] decimal EurRate,
    [property: Id(8)] decimal EurAmount,
    [property: Id(9)] TopUpStatus Status,
    [property: Id(10)] DateTimeOffset FirstSeenAt,
    [property: Id(11)] DateTimeOffset? CreditedAt);
