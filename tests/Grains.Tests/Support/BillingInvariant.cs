using Switchboard.Grains.Billing;
using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Tests.Support;

/// <summary>The promise billing makes, checked against the stores: balance = opening + credits − settled costs, exactly.</summary>
public static class BillingInvariant
{
    public static async Task<(decimal Balance, IReadOnlyList<CallDetailRecord> Cdrs, IReadOnlyList<LedgerEntry> Ledger)> AssertAsync(
        BillingCluster billing, string accountId, decimal credits)
    {
        var balance = (await billing.Accounts.GetAsync(accountId))!.Balance;
        var cdrs = await billing.Cdrs.SearchAsync(new CdrQuery(null, accountId, Limit: 1000));
        var ledger = await billing.Accounts.GetLedgerAsync(new LedgerQuery(accountId, null, Limit: 1000));

        Assert.Equal(credits - cdrs.Sum(c => c.Cost), balance);
        Assert.Equal(balance, ledger.Sum(e => e.Amount));
        Assert.Equal(cdrs.Count(c => c.Cost != 0m), ledger.Count(e => e.Kind == LedgerEntryKind.Call));
        foreach (var cdr in cdrs.Where(c => c.Cost != 0m))
        {
            Assert.Equal(-cdr.Cost, Assert.Single(ledger, e => e.Reference == "call:" + cdr.CallId).Amount);
        }

        return (balance, cdrs, ledger);
    }
}
