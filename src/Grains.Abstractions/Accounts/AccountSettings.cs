namespace Switchboard.Grains.Accounts;

/// <summary>What an operator sets on an account. Money is EUR as decimal.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.AccountSettings")]
public sealed record AccountSettings(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string RatePlanId,
    [property: Id(2)] decimal CreditLimit,
    [property: Id(3)] FraudLimits FraudLimits);
