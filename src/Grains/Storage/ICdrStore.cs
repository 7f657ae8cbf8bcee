using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage;

/// <summary>CDRs and call settlement.</summary>
public interface ICdrStore
{
    /// <summary>
    /// In one transaction: inserts the rated CDR (unique call id), and only if it was new writes the ledger row
    /// <c>call:&lt;call id&gt;</c> and lowers the balance by its cost. A second call with the same call id, from a
    /// retry or a duplicate activation on another silo, changes nothing and returns the first CDR.
    /// </summary>
    Task<SettlementOutcome> SettleAsync(CallDetailRecord rated, CancellationToken cancellationToken = default);

    /// <summary>One CDR; with <paramref name="tenantId"/> set, a CDR of another tenant is not found.</summary>
    Task<CallDetailRecord?> GetAsync(string callId, string? tenantId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CallDetailRecord>> SearchAsync(CdrQuery query, CancellationToken cancellationToken = default);

    /// <summary>Sum of settled costs of calls that ended at or after <paramref name="since"/> (the daily spend cap).</summary>
    Task<decimal> SpentSinceAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken = default);
}
