using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Storage.InMemory;

/// <summary>
/// The embedded node's billing "database": every table of 0200-billing.sql as a collection, all behind one lock so
/// a settlement (CDR + ledger row + balance) is as atomic here as the PostgreSQL transaction is. One per silo.
/// </summary>
public sealed class InMemoryBillingData
{
    public object Gate { get; } = new();

    public Dictionary<string, AccountRecord> Accounts { get; } = new(StringComparer.Ordinal);

    public List<LedgerEntry> Ledger { get; } = [];

    public HashSet<(string AccountId, string Reference)> LedgerReferences { get; } = [];

    public Dictionary<string, CallDetailRecord> Cdrs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StoredLease> Leases { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Coin, string TxHash), TopUp> TopUps { get; } = [];

    public Dictionary<string, StoredRateDeck> RatePlans { get; } = new(StringComparer.Ordinal);

    public List<FraudAlert> FraudAlerts { get; } = [];

    /// <summary>Appends a ledger row and moves the balance, once per (account, reference). Caller holds <see cref="Gate"/>.</summary>
    public BalanceChange Post(string accountId, string reference, LedgerEntryKind kind, decimal amount, string description, DateTimeOffset at)
    {
        if (!Accounts.TryGetValue(accountId, out var account))
        {
            throw new InvalidOperationException($"Account {accountId} does not exist");
        }

        if (!LedgerReferences.Add((accountId, reference)))
        {
            return new BalanceChange(false, account.Balance);
        }

        Ledger.Add(new LedgerEntry(Ledger.Count + 1, accountId, reference, kind, amount, description, at));
        var balance = account.Balance + amount;
        Accounts[accountId] = account with { Balance = balance, UpdatedAt = at };
        return new BalanceChange(true, balance);
    }

    public static IReadOnlyList<T> Page<T>(IEnumerable<T> rows, int offset, int limit) =>
        [.. rows.Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 0, 1000))];
}
