using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Tests.Support;

/// <summary>A real lease store that counts its round trips and the settlements they carried.</summary>
public sealed class CountingCallLeaseStore(ICallLeaseStore inner) : ICallLeaseStore
{
    private int _commits;
    private int _settlements;

    public int Commits => _commits;

    public int Settlements => _settlements;

    public async Task<IReadOnlyList<SettlementOutcome>> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _settlements, batch.Settlements.Count);
        return await inner.CommitAsync(batch, cancellationToken);
    }

    public Task<IReadOnlyList<StoredLease>> LoadAsync(string accountId, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<string>> AccountsWithLeasesRenewedBeforeAsync(DateTimeOffset renewedBefore, CancellationToken cancellationToken = default) =>
        inner.AccountsWithLeasesRenewedBeforeAsync(renewedBefore, cancellationToken);
}
