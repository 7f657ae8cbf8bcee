using Microsoft.Extensions.Logging;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Every sub-minute deadline of a call (ring timeout, ACK, billing slices, maximum duration, hang-up
/// confirmation, settlement retry) runs on one grain timer aimed at the earliest of them. Deadlines are computed
/// from absolute times, so re-arming is always "the earliest of them, now".
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>A start that never reached a decision (crash mid-INVITE) is closed after this.</summary>
    private static readonly TimeSpan StuckStartLimit = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ExtensionRetry = TimeSpan.FromSeconds(1);

    /// <summary>How long a settled call stays readable (late retransmissions, GetSnapshot) before it deactivates.</summary>
    private static readonly TimeSpan SettledLinger = TimeSpan.FromSeconds(5);

    /// <summary>Set once the settled call asked to deactivate: no deadline is left to arm.</summary>
    private bool _retiring;

    /// <summary>The deadline the timer is armed for; re-arming for the same moment is skipped (a timer change takes
    /// the runtime's timer-queue lock, and most transitions leave the earliest deadline where it was).</summary>
    private DateTimeOffset? _armedFor;

    private void ArmDeadline()
    {
        var target = NextDeadline();
        if (target == _armedFor && _deadline is not null)
        {
            return;
        }

        _armedFor = target;
        if (target is not { } next)
        {
            _deadline?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = next - Now;
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        _deadline ??= this.RegisterGrainTimer(
            static (grain, _) => grain.OnDeadline(),
            this,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        _deadline.Change(due, Timeout.InfiniteTimeSpan);
    }

    private DateTimeOffset? NextDeadline()
    {
        switch (Call.State)
        {
            case CallState.Initiating:
                return Call.StartedAt == default ? null : Call.StartedAt + StuckStartLimit;
            case CallState.Routing or CallState.Ringing or CallState.EarlyMedia:
                return Call.StartedAt + Call.RingTimeout;
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
                return Call.Settled ? (_retiring ? null : Call.SettledAt + SettledLinger) : Call.NextSettlementAt;
        }
    }

    private async Task OnDeadline()
    {
        // The timer fired: whatever it was armed for is spent, so the next arm must set it again.
        _armedFor = null;
        await RunDue();
        ArmDeadline();
    }

    private async Task RunDue()
    {
        var now = Now;
        switch (Call.State)
        {
            case CallState.Initiating when Call.StartedAt != default && now >= Call.StartedAt + StuckStartLimit:
                await Finish(500, "set-up never completed", CallDisposition.Failed);
                break;
            case CallState.Routing or CallState.Ringing or CallState.EarlyMedia when now >= Call.StartedAt + Call.RingTimeout:
                await BeginEnding(now, 480, CallDisposition.NoAnswer, "ring timeout", reportingEdge: null, exceptLeg: null);
                break;
            case CallState.Answered:
                await RunAnswered(now);
                break;
            case CallState.Ending when now >= Call.ConfirmDeadline:
                await Complete(confirmed: false);
                break;
            case CallState.Ended when !Call.Settled && now >= Call.NextSettlementAt:
                await Settle();
                break;
            case CallState.Ended when Call.Settled && now >= Call.SettledAt + SettledLinger:
                // The CDR is the record now; free the memory rather than wait for idle collection.
                _retiring = true;
                DeactivateOnIdle();
                break;
        }
    }

    private async Task RunAnswered(DateTimeOffset now)
    {
        var answered = Call.AnsweredAt!.Value;
        if (!Call.Acknowledged && now >= answered + _options.AckTimeout)
        {
            await EndUnacknowledged(reportingEdge: null);
            return;
        }

        var cap = answered + Call.MaxDuration;
        if (Call.MaxDuration > TimeSpan.Zero && now >= cap)
        {
            await BeginEnding(
                cap, Call.FinalStatus, Call.CappedByBalance ? CallDisposition.CreditExhausted : CallDisposition.Answered,
                Call.CappedByBalance ? "credit exhausted" : "maximum call duration", reportingEdge: null, exceptLeg: null);
            return;
        }

        var covered = answered + Call.ReservedUntil;
        if (Call.Exhausted && now >= covered)
        {
            await BeginEnding(covered, Call.FinalStatus, CallDisposition.CreditExhausted, "credit exhausted", null, null);
            return;
        }

        if (!Call.Exhausted && now >= covered - _options.BillingLead)
        {
            await ExtendReservation(now, answered, covered);
        }
    }

    /// <summary>Asks the account for the next slice; without an answer the call may only run to the covered time.</summary>
    private async Task ExtendReservation(DateTimeOffset now, DateTimeOffset answered, DateTimeOffset covered)
    {
        try
        {
            var extension = await accounting.Extend(Call.AccountId!, CallId, now - answered);
            if (!extension.Known && !Call.Reattached)
            {
                // The account lost our reservation with its silo: show it our lease once, then ask again. An account
                // that already billed us as lost refuses the lease, and the call runs only to what was covered.
                Call.Reattached = true;
                await accounting.Renew(Call.AccountId!, [Lease()]);
                extension = await accounting.Extend(Call.AccountId!, CallId, now - answered);
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
            LogExtended(logger, CallId, Call.ReservedUntil, Call.Exhausted);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogExtensionFailed(logger, CallId, ex);
            if (now >= covered)
            {
                await BeginEnding(covered, Call.FinalStatus, CallDisposition.Answered, "billing unavailable", null, null);
                return;
            }

            Call.NextExtensionRetryAt = now + ExtensionRetry;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: reservation covers {ReservedUntil} (exhausted {Exhausted})")]
    private static partial void LogExtended(ILogger logger, string callId, TimeSpan reservedUntil, bool exhausted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: reservation not extended")]
    private static partial void LogExtensionFailed(ILogger logger, string callId, Exception exception);
}
