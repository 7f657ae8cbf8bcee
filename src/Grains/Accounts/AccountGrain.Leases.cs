using Microsoft.Extensions.Logging;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Accounts;

/// <summary>
/// Leases: live calls prove they are alive in batched renewals; a reservation whose call stopped renewing belongs to
/// a call lost with its silo. The account then releases the credit and, if the call was answered, bills it up to the
/// last renewal: the last moment anyone knew it was up. Answered leases are journalled, so an account that was
/// lost too finds them again when it re-activates (the lease sweeper wakes it).
/// </summary>
internal sealed partial class AccountGrain
{
    /// <summary>
    /// How long a settled or lost call's id is remembered, so a late renewal or answer report (one-way messages may
    /// arrive after the settlement) cannot re-open a call already billed. Several renew periods.
    /// </summary>
    private static readonly TimeSpan ForgetClosedAfter = TimeSpan.FromMinutes(1);

    /// <summary>Calls settled or billed as lost here recently: their leases are never taken back.</summary>
    private readonly Dictionary<string, DateTimeOffset> _closed = new(StringComparer.Ordinal);

    public Task CallAnswered(CallLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (!_closed.ContainsKey(lease.CallId))
        {
            Attach(lease, time.GetUtcNow());
            _journal.Answered(lease);
        }

        return Task.CompletedTask;
    }

    public async Task RenewLeases(IReadOnlyList<CallLease> leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        var now = time.GetUtcNow();
        List<string>? renewed = null;
        foreach (var lease in leases)
        {
            if (_closed.ContainsKey(lease.CallId))
            {
                continue;
            }

            if (Attach(lease, now) && lease.Cdr.AnsweredAt is not null)
            {
                // This account had lost the reservation (its silo died): journal the lease again, idempotently.
                _journal.Answered(lease);
            }
            else if (lease.Cdr.AnsweredAt is not null)
            {
                (renewed ??= []).Add(lease.CallId);
            }
        }

        if (renewed is not null)
        {
            await JournalAsync(_journal.Renewed(renewed));
        }
    }

    public async Task RecoverLeases()
    {
        // Activation loaded the journalled leases; bill the ones already past their time now rather than at the next check.
        await ExpireLeasesAsync();
    }

    private async Task LoadLeasesAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await leases.LoadAsync(AccountId, cancellationToken))
        {
            if (!_reservations.ContainsKey(stored.Lease.CallId))
            {
                Hold(CallReservation.From(stored.Lease, stored.RenewedAt));
            }
        }
    }

    private void StartLeaseCheck() =>
        this.RegisterGrainTimer(
            static (grain, _) => grain.ExpireLeasesAsync(),
            this,
            new GrainTimerCreationOptions(_options.LeaseRenewPeriod, _options.LeaseRenewPeriod) { Interleave = true, KeepAlive = false });

    /// <summary>True when the lease was not held here before (a new call's first renewal, or a re-attach).</summary>
    private bool Attach(CallLease lease, DateTimeOffset now)
    {
        if (_reservations.TryGetValue(lease.CallId, out var held))
        {
            // The account's amounts are the truth; the lease only brings the call's own description.
            held.TouchedAt = now;
            held.Lease = lease;
            return false;
        }

        Hold(CallReservation.From(lease, now));
        LogReattached(logger, lease.CallId, AccountId);
        return true;
    }

    private async Task ExpireLeasesAsync()
    {
        _ = JournalAsync(_journal.WriteDueLeases());
        var now = time.GetUtcNow();
        foreach (var old in _closed.Where(l => now - l.Value > ForgetClosedAfter).Select(l => l.Key).ToList())
        {
            _closed.Remove(old);
        }

        var expired = _reservations.Values.Where(r => now - r.TouchedAt > _options.LeaseTime).ToList();
        if (expired.Count == 0 || _account is not { } account)
        {
            return;
        }

        var settlements = new List<Task>(expired.Count);
        foreach (var reservation in expired)
        {
            _closed[reservation.CallId] = now;
            if (reservation.Lease is not { } lease)
            {
                // Lost before its first renewal: it never reached an answer the account heard of, so nothing is owed.
                Release(reservation.CallId);
                LogLostUnrenewed(logger, reservation.CallId, AccountId);
                continue;
            }

            settlements.Add(SettleLostAsync(LostRecord(lease, reservation.TouchedAt), account.RatePlanId, reservation));
        }

        await Task.WhenAll(settlements);
    }

    /// <summary>A lost answered call ends at its last renewal; a lost unanswered one is a failed call.</summary>
    private static CallDetailRecord LostRecord(CallLease lease, DateTimeOffset lastSeen) => lease.Cdr.AnsweredAt is { } answered
        ? lease.Cdr with { EndedAt = lastSeen > answered ? lastSeen : answered, Disposition = CallDisposition.Answered }
        : lease.Cdr with { EndedAt = lastSeen, FinalSipStatus = 408, Disposition = CallDisposition.Failed };

    private async Task SettleLostAsync(CallDetailRecord record, string planId, CallReservation reservation)
    {
        try
        {
            var outcome = await CommitSettlementAsync(record, planId, reservation);
            metrics.CallLost();
            LogLostSettled(logger, record.CallId, AccountId, record.DurationSeconds, outcome.Record.Cost);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Keep holding the credit and try again at the next check; the journalled lease is still there too.
            _closed.Remove(record.CallId);
            LogLostSettlementFailed(logger, record.CallId, AccountId, ex);
        }
    }

    private async Task JournalAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Renewals repeat every period, and a re-attach journals the lease again: the next one repairs this.
            LogJournalFailed(logger, AccountId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} re-attached its lease to account {AccountId} (the account had lost it)")]
    private static partial void LogReattached(ILogger logger, string callId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} on account {AccountId} was lost before its first lease renewal; reservation released, no CDR")]
    private static partial void LogLostUnrenewed(ILogger logger, string callId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} on account {AccountId} was lost with its silo; settled up to its last renewal ({Seconds} s, cost {Cost})")]
    private static partial void LogLostSettled(ILogger logger, string callId, string accountId, int seconds, decimal cost);

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling lost call {CallId} on account {AccountId} failed; retrying at the next lease check")]
    private static partial void LogLostSettlementFailed(ILogger logger, string callId, string accountId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease journal write of account {AccountId} failed")]
    private static partial void LogJournalFailed(ILogger logger, string accountId, Exception exception);
}
