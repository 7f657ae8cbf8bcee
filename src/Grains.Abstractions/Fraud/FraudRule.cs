namespace Switchboard.Grains.Fraud;

/// <summary>Which fraud limit a call broke.</summary>
[GenerateSerializer, Alias("Switchboard.FraudRule")]
public enum FraudRule
{
    ConcurrentCalls = 0,
    CallsPerMinute = 1,
    DailySpend = 2,
    BlockedDestination = 3,
    CountryNotAllowed = 4,
    /// <summary>Not a single call: repeated breaches locked the account.</summary>
    AccountLocked = 5,
}
