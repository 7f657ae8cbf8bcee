namespace Switchboard.Grains.Fraud;

/// <summary>
/// One fraud breach as stored and listed for operators. <see cref="CallId"/> and <see cref="Destination"/> are
/// empty for the account-level <see cref="FraudRule.AccountLocked"/> alert.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.FraudAlert")]
public sealed record FraudAlert(
    [property: Id(0)] Guid AlertId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string TenantId,
    [property: Id(3)] FraudRule Rule,
    [property: Id(4)] string Reason,
    [property: Id(5)] string CallId,
    [property: Id(6)] string Destination,
    [property: Id(7)] DateTimeOffset RaisedAt,
    [property: Id(8)] bool LockedAccount);
