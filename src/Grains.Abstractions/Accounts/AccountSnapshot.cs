namespace Switchboard.Grains.Accounts;

[GenerateSerializer, Immutable, Alias("Switchboard.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string RatePlanId,
    [property: Id(3)] decimal Balance,
    [property: Id(4)] decimal Reserved,
    [property: Id(5)] decimal CreditLimit,
    [property: Id(6)] AccountStatus Status,
    [property: Id(7)] int ActiveCalls,
    [property: Id(8)] FraudLimits FraudLimits);
