using Switchboard.Grains.Accounts;
using Switchboard.Grains.Storage;

namespace Switchboard.Silo.Api.Accounts;

/// <summary>
/// An account as the API shows it: live figures (balance, reserved, active calls) from the account grain,
/// <see cref="StatusReason"/> and <see cref="CreatedAt"/> from the account row. <see cref="Available"/> is what
/// new calls may still spend.
/// </summary>
public sealed record AccountView(
    string AccountId,
    string TenantId,
    string RatePlanId,
    decimal Balance,
    decimal Reserved,
    decimal CreditLimit,
    decimal Available,
    AccountStatus Status,
    string StatusReason,
    int ActiveCalls,
    FraudLimits FraudLimits,
    DateTimeOffset CreatedAt)
{
    public static AccountView From(AccountSnapshot s, AccountRecord r) =>
        new(s.AccountId, s.TenantId, s.RatePlanId, s.Balance, s.Reserved, s.CreditLimit, s.Balance + s.CreditLimit - s.Reserved,
            s.Status, r.StatusReason, s.ActiveCalls, s.FraudLimits, r.CreatedAt);
}
