namespace Switchboard.Grains.Accounts;

/// <summary>A credit to an account; <see cref="Reference"/> makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.AccountCredit")]
public sealed record AccountCredit(
    [property: Id(0)] string Reference,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Description);
