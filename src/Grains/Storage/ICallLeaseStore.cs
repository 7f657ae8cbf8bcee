namespace Switchboard.Grains.Storage;

/// <summary>
/// The account's write-behind journal: answered calls' leases, their renewals and settlements, written together so
/// a busy account costs one database round trip per batch rather than several per call.
/// </summary>
public interface ICallLeaseStore
{
    /// <summary>
    /// Settles every CDR of the batch exactly as <see cref="ICdrStore.SettleAsync"/> does (one outcome per CDR, in
    /// order), deletes their leases, inserts the answered leases of calls not yet settled and stamps renewals.
    /// </summary>
    Task<IReadOnlyList<SettlementOutcome>> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The account's journalled leases: calls answered and not settled.</summary>
    Task<IReadOnlyList<StoredLease>> LoadAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Accounts holding a lease nobody renewed since <paramref name="renewedBefore"/>: lost calls to bill.</summary>
    Task<IReadOnlyList<string>> AccountsWithLeasesRenewedBeforeAsync(DateTimeOffset renewedBefore, CancellationToken cancellationToken = default);
}
