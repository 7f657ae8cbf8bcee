using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Accounts;

internal sealed partial class AccountGrain
{
    /// <summary>
    /// Rates the finished call and hands it to the store, which writes CDR, ledger row and balance in one transaction
    /// keyed by call id. Whatever happens here (retry, duplicate BYE, a second activation on another silo after a
    /// failover), the store charges once and every attempt returns the first settlement's figures.
    /// </summary>
    public async Task<SettlementResult> SettleCall(CallDetailRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.CallId);
        if (!string.Equals(record.AccountId, AccountId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"CDR of call {record.CallId} belongs to account {record.AccountId}, not {AccountId}");
        }

        if (_account is null)
        {
            await ReloadAccountAsync(CancellationToken.None);
        }

        if (_account is not { } account)
        {
            // Only a call refused with "Account not found" gets here: it cost nothing, and a CDR cannot reference a
            // missing account. Answer instead of throwing, or the call grain would retry this settlement forever.
            LogNoAccount(logger, record.CallId, AccountId);
            return new SettlementResult(record.CallId, 0m, 0m, AlreadySettled: false);
        }

        var started = Stopwatch.GetTimestamp();
        _reservations.TryGetValue(record.CallId, out var reservation);
        var outcome = await CommitSettlementAsync(record with { TenantId = account.TenantId }, account.RatePlanId, reservation);
        metrics.Settled(Stopwatch.GetElapsedTime(started));
        if (outcome.AlreadySettled)
        {
            LogAlreadySettled(logger, record.CallId, AccountId);
        }
        else
        {
            quality.Record(outcome.Record, record.PostDialDelay);
        }

        var stored = outcome.Record;
        return new SettlementResult(stored.CallId, stored.Cost, outcome.Balance, outcome.AlreadySettled)
        {
            BilledSeconds = stored.BilledSeconds,
            CarrierCost = stored.CarrierCost,
        };
    }

    /// <summary>
    /// Rates the CDR and settles it through the journal (group commit with the account's other settlements). The
    /// reservation is held until the CDR is durable, so a failed write never frees credit for a call not yet paid.
    /// </summary>
    private async Task<Storage.SettlementOutcome> CommitSettlementAsync(CallDetailRecord record, string planId, CallReservation? reservation)
    {
        var rated = await RateAsync(record, planId, reservation);
        Storage.SettlementOutcome outcome;
        try
        {
            outcome = await _journal.Settle(rated);
        }
        catch (NpgsqlException ex)
        {
            // The call grain (or the lease check, for a lost call) counts the failure and retries.
            metrics.DatabaseError("cdr", (ex as PostgresException)?.SqlState);
            throw;
        }

        if (outcome.AlreadySettled && outcome.Record.AccountId != AccountId)
        {
            // Call ids are unique cluster-wide; a clash means a caller bug, and must not pass for "already paid".
            throw new InvalidOperationException($"Call {record.CallId} was already settled for another account");
        }

        if (_account is { } current)
        {
            _account = current with { Balance = _journal.Balance ?? outcome.Balance };
        }

        if (!outcome.AlreadySettled && DateOnly.FromDateTime(rated.EndedAt.UtcDateTime) == _spendDay)
        {
            _settledToday += outcome.Record.Cost;
        }

        Release(record.CallId);
        _closed[record.CallId] = time.GetUtcNow();
        return outcome;
    }

    /// <summary>
    /// Fills the CDR's rating members. Only answered outbound calls cost anything. The customer is charged at the
    /// rate reserved at INVITE, for at most the answered time reserved: the call grain ends the call there, and a
    /// BYE that lands a second late is our latency, not the customer's debt (nor a way below the credit limit).
    /// The carrier's cost is for the real duration, since that is what the carrier bills.
    /// </summary>
    private async Task<CallDetailRecord> RateAsync(CallDetailRecord cdr, string planId, CallReservation? reservation)
    {
        var rated = cdr with { BilledSeconds = 0, Rate = null, Cost = 0m, CarrierRate = null, CarrierCost = 0m, SettledAt = null };
        if (cdr.Direction != CallDirection.Outbound || cdr.AnsweredAt is not { } answeredAt)
        {
            return rated;
        }

        // Answered calls last at least a second: a 0.2 s answer-and-hang-up is still a connected call.
        var duration = Math.Max(1, cdr.DurationSeconds);
        var rate = reservation?.Rate ?? (await decks.GetAsync(planId))?.Match(cdr.Callee, cdr.StartedAt)?.ToAppliedRate();
        if (rate is not null)
        {
            var charged = reservation is null ? duration : Math.Min(duration, Math.Max(1, reservation.ReservedSeconds));
            var billed = Tariff.BilledSeconds(rate, charged);
            rated = rated with { Rate = rate, BilledSeconds = billed, Cost = Tariff.Cost(rate, billed) };
        }
        else
        {
            LogUnrated(logger, cdr.CallId, AccountId);
        }

        if (cdr.CarrierPlanId is { } carrierPlan &&
            (await decks.GetAsync(carrierPlan))?.Match(cdr.Callee, answeredAt) is { } carrierEntry)
        {
            var carrierRate = carrierEntry.ToAppliedRate();
            rated = rated with { CarrierRate = carrierRate, CarrierCost = Tariff.CostOfDuration(carrierRate, duration) };
        }

        return rated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} on account {AccountId} was already settled; nothing charged again")]
    private static partial void LogAlreadySettled(ILogger logger, string callId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} settled against account {AccountId}, which does not exist; no CDR written")]
    private static partial void LogNoAccount(ILogger logger, string callId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered call {CallId} on account {AccountId} has no rate; settled at no charge")]
    private static partial void LogUnrated(ILogger logger, string callId, string accountId);
}
