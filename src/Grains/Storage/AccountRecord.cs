using Switchboard.Grains.Accounts;

namespace Switchboard.Grains.Storage;

/// <summary>An account row: settings, status and the balance, which only the stores move (always with a ledger row).</summary>
public sealed record AccountRecord(
    string AccountId,
    string TenantId,
    string RatePlanId,
    decimal CreditLimit,
    AccountStatus Status,
    string StatusReason,
    FraudLimits FraudLimits,
    decimal Balance,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
