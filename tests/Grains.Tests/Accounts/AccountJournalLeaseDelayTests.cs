using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Telemetry;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Accounts;

/// <summary>
/// An answered call's lease is journalled only once it is <see cref="AccountJournal.LeaseDelay"/> old, once, and
/// never for a call that settled first.
/// </summary>
public sealed class AccountJournalLeaseDelayTests
{
    [Fact]
    public Task WriteDueLeases_TakesEachLeaseOnceWhenDue_SkipsSettledAndUsesTheLatestAnswer() =>
        // The journal relies on its grain's one-at-a-time scheduler; an exclusive scheduler stands in for it.
        Task.Factory.StartNew(TakesEachLeaseOnce, CancellationToken.None, TaskCreationOptions.None,
            new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    private static async Task TakesEachLeaseOnce()
    {
        var time = new FakeTimeProvider(Cdrs.T0);
        var store = new RecordingLeaseStore();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var journal = new AccountJournal(store, time, new SwitchboardMetrics(services.GetRequiredService<IMeterFactory>()));

        journal.Answered(Lease("call-a"));
        journal.Answered(Lease("call-b"));
        journal.Answered(Lease("call-settled"));
        time.Advance(TimeSpan.FromMilliseconds(500));
        journal.Answered(Lease("call-a")); // answered again (re-attached): its delay starts over
        await journal.Settle(Cdrs.Rated("call-settled", "acct-1", 10));
        time.Advance(AccountJournal.LeaseDelay - TimeSpan.FromMilliseconds(501));
        await journal.WriteDueLeases();
        Assert.Equal(["call-settled"], store.Batches.SelectMany(b => b.Settlements).Select(c => c.CallId));
        Assert.Empty(store.Batches.SelectMany(b => b.Answered));

        time.Advance(TimeSpan.FromMilliseconds(1));
        await journal.WriteDueLeases();
        Assert.Equal(["call-b"], store.Batches.SelectMany(b => b.Answered).Select(l => l.CallId));

        time.Advance(TimeSpan.FromMilliseconds(500));
        await journal.WriteDueLeases();
        time.Advance(AccountJournal.LeaseDelay);
        await journal.WriteDueLeases();
        Assert.Equal(["call-b", "call-a"], store.Batches.SelectMany(b => b.Answered).Select(l => l.CallId));
    }

    private static CallLease Lease(string callId) => new(Cdrs.Answered(callId, "acct-1", 0), null, 60, 1m, Cdrs.T0);

    private sealed class RecordingLeaseStore : ICallLeaseStore
    {
        public List<JournalBatch> Batches { get; } = [];

        public Task<IReadOnlyList<SettlementOutcome>> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default)
        {
            Batches.Add(batch);
            return Task.FromResult<IReadOnlyList<SettlementOutcome>>(
                batch.Settlements.Select(c => new SettlementOutcome(false, c, 0m)).ToList());
        }

        public Task<IReadOnlyList<StoredLease>> LoadAsync(string accountId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<StoredLease>>([]);

        public Task<IReadOnlyList<string>> AccountsWithLeasesRenewedBeforeAsync(DateTimeOffset renewedBefore, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }
}
