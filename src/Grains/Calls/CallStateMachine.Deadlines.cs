using Microsoft.Extensions.Logging;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Every sub-minute deadline of a call (ring timeout, ACK, billing slices, maximum duration, hang-up
/// confirmation, settlement retry, linger) is computed from absolute times: the grain arms one timer at
/// <see cref="NextDeadline"/> and reports <see cref="DeadlineReached"/>. Billing answers come back here too.
/// </summary>
public sealed partial class CallStateMachine
{
    /// <summary>The earliest moment something is due, or null when nothing is.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            switch (Call.State)
            {
                case CallState.Initiating:
                    return Call.StartedAt == default ? null : Call.StartedAt + StuckStartLimit;
                case CallState.Routing or CallState.Ringing or CallState.EarlyMedia:
                    return Call.ForwardAt is { } forwardAt ? Min(forwardAt, Call.StartedAt + Call.RingTimeout) : Call.StartedAt + Call.RingTimeout;
                case CallState.Answered when Call.Direction == CallDirection.Emergency:
                    // Never billed and never capped: only the caller's ACK is awaited.
                    return Call.Acknowledged ? null : Call.AnsweredAt!.Value + _options.AckTimeout;
                case CallState.Answered:
                    var answered = Call.AnsweredAt!.Value;
                    var next = Call.Exhausted
                        ? answered + Call.ReservedUntil
                        : Call.NextExtensionRetryAt ?? answered + Call.ReservedUntil - _options.BillingLead;
                    if (Call.MaxDuration > TimeSpan.Zero)
                    {
                        next = Min(next, answered + Call.MaxDuration);
                    }

                    return Call.Acknowledged ? next : Min(next, answered + _options.AckTimeout);
                case CallState.Ending:
                    return Call.ConfirmDeadline;
                default:
                    return Call.Settled ? (Call.Retiring ? null : Call.SettledAt + SettledLinger) : Call.NextSettlementAt;
            }
        }
    }

    /// <summary>The grain's timer fired: do whatever is due at <paramref name="now"/>.</summary>
    public void DeadlineReached(DateTimeOffset now)
    {
        switch (Call.State)
        {
            case CallState.Initiating when Call.StartedAt != default && now >= Call.StartedAt + StuckStartLimit:
                Finish(500, "set-up never completed", CallDisposition.Failed, now);
                break;
            case CallState.Routing or CallState.Ringing or CallState.EarlyMedia when now >= Call.StartedAt + Call.RingTimeout:
                BeginEnding(now, 480, CallDisposition.NoAnswer, "ring timeout", reportingEdge: null, exceptLeg: null, now);
                break;
            case CallState.Routing or CallState.Ringing or CallState.EarlyMedia when now >= Call.ForwardAt:
                NoAnswerReached(now);
                break;
            case CallState.Answered:
                AnsweredDeadline(now);
                break;
            case CallState.Ending when now >= Call.ConfirmDeadline:
                Complete(confirmed: false, now);
                break;
            case CallState.Ended when !Call.Settled && now >= Call.NextSettlementAt:
                SettlementDue(now);
                break;
            case CallState.Ended when Call.Settled && !Call.Retiring && now >= Call.SettledAt + SettledLinger:
                // The CDR is the record now; free the memory rather than wait for idle collection.
                Call.Retiring = true;
                _commands.Add(new CallCommand(CallCommandKind.Retire));
                break;
        }
    }

    /// <summary>The account extended (or could not extend) the reservation.</summary>
    public void CreditExtended(ReservationExtension extension, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (!extension.Known && !Call.Reattached)
        {
            // The account lost our reservation with its silo: show it our lease once, then ask again. An account
            // that already billed us as lost refuses the lease, and the call runs only to what was covered.
            Call.Reattached = true;
            _commands.Add(new CallCommand(CallCommandKind.ReattachAndExtendCredit)
            {
                AnsweredFor = now - Call.AnsweredAt!.Value, At = now,
            });
            return;
        }

        Call.NextExtensionRetryAt = null;
        if (!extension.Known)
        {
            // The account holds no reservation for us (lost or settled): run only to what was covered.
            Call.Exhausted = true;
        }
        else
        {
            // No progress counts as exhausted, or the timer would ask again at once, forever.
            Call.Exhausted = extension.Exhausted || extension.ReservedUntil <= Call.ReservedUntil;
            if (extension.ReservedUntil > Call.ReservedUntil)
            {
                Call.ReservedUntil = extension.ReservedUntil;
                Call.ReservedAmount = extension.ReservedAmount;
            }
        }

        if (Call.CappedByBalance || extension.MaxDuration > TimeSpan.Zero)
        {
            LimitByBalance(extension.MaxDuration);
        }

        PublishLease();
        LogExtended(_logger, Call.CallId, Call.ReservedUntil, Call.Exhausted);
    }

    /// <summary>No answer from the account: without one the call may only run to the covered time.</summary>
    public void CreditExtensionFailed(DateTimeOffset now)
    {
        var covered = Call.AnsweredAt!.Value + Call.ReservedUntil;
        if (now >= covered)
        {
            BeginEnding(covered, Call.FinalStatus, CallDisposition.Answered, "billing unavailable", null, null, now);
            return;
        }

        Call.NextExtensionRetryAt = now + ExtensionRetry;
    }

    /// <summary>The account accepted the CDR (or already had it): the call is settled, exactly once.</summary>
    public void SettlementAccepted(DateTimeOffset now)
    {
        if (Call.Settled)
        {
            return;
        }

        Call.Settled = true;
        Call.SettledAt = now;
        Call.NextSettlementAt = null;
        _commands.Add(new CallCommand(CallCommandKind.WithdrawLease));
    }

    /// <summary>The CDR did not reach the account (the outcome may be unknown): retry with back-off. Returns the delay.</summary>
    public TimeSpan SettlementFailed(DateTimeOffset now)
    {
        Call.SettlementAttempts++;
        var delay = TimeSpan.FromTicks(Math.Min(
            _options.SettlementRetryMax.Ticks,
            _options.SettlementRetryMin.Ticks * (1L << Math.Min(Call.SettlementAttempts - 1, 20))));
        Call.NextSettlementAt = now + delay;
        return delay;
    }

    private void AnsweredDeadline(DateTimeOffset now)
    {
        var answered = Call.AnsweredAt!.Value;
        if (!Call.Acknowledged && now >= answered + _options.AckTimeout)
        {
            EndUnacknowledged(reportingEdge: null, now);
            return;
        }

        if (Call.Direction == CallDirection.Emergency)
        {
            return;
        }

        var cap = answered + Call.MaxDuration;
        if (Call.MaxDuration > TimeSpan.Zero && now >= cap)
        {
            BeginEnding(
                cap, Call.FinalStatus, Call.CappedByBalance ? CallDisposition.CreditExhausted : CallDisposition.Answered,
                Call.CappedByBalance ? "credit exhausted" : "maximum call duration", reportingEdge: null, exceptLeg: null, now);
            return;
        }

        var covered = answered + Call.ReservedUntil;
        if (Call.Exhausted && now >= covered)
        {
            BeginEnding(covered, Call.FinalStatus, CallDisposition.CreditExhausted, "credit exhausted", null, null, now);
            return;
        }

        if (!Call.Exhausted && now >= covered - _options.BillingLead)
        {
            _commands.Add(new CallCommand(CallCommandKind.ExtendCredit) { AnsweredFor = now - answered, At = now });
        }
    }

    private void SettlementDue(DateTimeOffset now)
    {
        if (Call.AccountId is null)
        {
            // Refused before anyone was found to pay (unknown tenant): there is no account to hold a CDR.
            LogNoAccount(_logger, Call.CallId, Call.FinalStatus);
            SettlementAccepted(now);
            return;
        }

        _commands.Add(new CallCommand(CallCommandKind.Settle) { At = now });
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: reservation covers {ReservedUntil} (exhausted {Exhausted})")]
    private static partial void LogExtended(ILogger logger, string callId, TimeSpan reservedUntil, bool exhausted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} ended with {Status} before an account was known; no CDR")]
    private static partial void LogNoAccount(ILogger logger, string callId, int status);
}
