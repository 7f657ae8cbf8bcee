using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage;

/// <summary>
/// Accounts and their ledger. The balance is the truth here, not in the grain: every change is one statement or
/// transaction that writes a ledger row with a reference unique per account and moves the balance only if that row
/// was new.
/// </summary>
public interface IAccountStore
{
    /// <summary>
    /// Creates the account at balance 0 only if the id is free; null when it is taken, and then nothing changed.
    /// The unique account id decides between concurrent opens, so exactly one of them gets the record.
    /// </summary>
    Task<AccountRecord?> InsertAsync(string accountId, AccountSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Creates the account at balance 0, or updates its settings (never its balance or status).</summary>
    Task<AccountRecord> UpsertAsync(string accountId, AccountSettings settings, CancellationToken cancellationToken = default);

    Task<AccountRecord?> GetAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the status; null when the account does not exist. Cancellation is final: a cancelled account is returned
    /// unchanged whatever is asked, so neither an unlock nor a fraud lock racing the cancellation can revive it.
    /// </summary>
    Task<AccountRecord?> SetStatusAsync(string accountId, AccountStatus status, string reason, CancellationToken cancellationToken = default);

    /// <summary>Adds <see cref="AccountCredit.Amount"/> (negative for a debit adjustment) once per reference.</summary>
    Task<BalanceChange> CreditAsync(string accountId, AccountCredit credit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AccountRecord>> ListAsync(AccountQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(LedgerQuery query, CancellationToken cancellationToken = default);
}
