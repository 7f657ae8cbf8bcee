using Microsoft.Extensions.Logging;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>Ending a call: BYE/CANCEL reports, operator hang-up, edge loss, confirmation, completion.</summary>
public sealed partial class CallStateMachine
{
    private static readonly IReadOnlyList<LegTermination> NoTerminations = [];

    /// <summary>
    /// BYE, CANCEL, ACK timeout or transport failure on a leg. Returns the legs the reporting edge must end itself
    /// when they are decided here; legs ended through <see cref="CallCommandKind.EndLegs"/> come back from that command.
    /// </summary>
    public IReadOnlyList<LegTermination> HangupReceived(LegHangup hangup, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hangup);
        if (Call.State is CallState.Initiating or CallState.Ended || Call.CallerLeg is null)
        {
            return NoTerminations;
        }

        var fromCaller = Call.CallerLeg.LegCallId == hangup.LegCallId;
        var callee = fromCaller ? null : Call.FindCallee(hangup.LegCallId);
        if (!fromCaller && callee is null)
        {
            return NoTerminations;
        }

        if (Call.State == CallState.Ending)
        {
            // The peer's BYE crossed ours, or a duplicate: that leg needs nothing more.
            Confirm(hangup.LegCallId, now);
            return NoTerminations;
        }

        if (fromCaller)
        {
            CallerHungUp(hangup, now);
            return NoTerminations;
        }

        return CalleeHungUp(callee!, hangup, now);
    }

    /// <summary>An edge has ended a leg (BYE answered or timed out, CANCEL done, reject sent).</summary>
    public void LegEnded(string legCallId, DateTimeOffset now)
    {
        if (Call.AwaitingConfirmation.Contains(legCallId))
        {
            Confirm(legCallId, now);
        }
        else if (Call.FindCallee(legCallId) is { Phase: LegPhase.Ending } leg)
        {
            leg.Phase = LegPhase.Ended;
        }
    }

    /// <summary>Operator hang-up. False when the call is not ringing or up.</summary>
    public bool HangUp(string reason, DateTimeOffset now)
    {
        if (!Call.IsPreAnswer && Call.State != CallState.Answered)
        {
            return false;
        }

        var answered = Call.State == CallState.Answered;
        BeginEnding(
            now, answered ? Call.FinalStatus : 480, answered ? CallDisposition.Answered : CallDisposition.Failed,
            "operator: " + reason, reportingEdge: null, exceptLeg: null, now);
        return true;
    }

    /// <summary>An edge holding legs of the call stopped refreshing: end the call as of its last refresh.</summary>
    public void EdgeLost(string edgeId, DateTimeOffset lastSeen, string? survivor, DateTimeOffset now)
    {
        var answered = Call.State == CallState.Answered;
        if ((!Call.IsPreAnswer && !answered) || !Call.Edges().Contains(edgeId))
        {
            return;
        }

        LogEdgeLost(_logger, Call.CallId, edgeId);
        Call.SurvivorEdge = survivor;
        var endAt = lastSeen < now ? lastSeen : now;
        BeginEnding(
            endAt, answered ? Call.FinalStatus : 480, answered ? CallDisposition.Answered : CallDisposition.Failed,
            "edge lost: " + edgeId, reportingEdge: null, exceptLeg: null, now);
    }

    private void CallerHungUp(LegHangup hangup, DateTimeOffset now)
    {
        switch (Call.IsPreAnswer, hangup.Kind)
        {
            // CANCEL (or a BYE before the 2xx) from the caller: 487 was sent by the edge (RFC 3261 §9.2).
            case (true, HangupKind.Cancel or HangupKind.Bye):
                BeginEnding(now, 487, CallDisposition.Cancelled, "caller cancelled", hangup.EdgeId, hangup.LegCallId, now);
                break;
            case (true, _):
                BeginEnding(now, 408, CallDisposition.Failed, "caller leg failed: " + hangup.Reason, hangup.EdgeId, hangup.LegCallId, now);
                break;

            // A CANCEL after the final response has no effect (RFC 3261 §9.2).
            case (false, HangupKind.Cancel):
                break;

            // No ACK for the 2xx: the dialog was never confirmed, so it is ended on both legs and not charged.
            case (false, HangupKind.AckTimeout):
                EndUnacknowledged(hangup.EdgeId, now);
                break;
            default:
                BeginEnding(now, Call.FinalStatus, CallDisposition.Answered, "caller hung up", hangup.EdgeId, hangup.LegCallId, now);
                break;
        }
    }

    private IReadOnlyList<LegTermination> CalleeHungUp(CalleeLeg callee, LegHangup hangup, DateTimeOffset now)
    {
        if (Call.IsPreAnswer && callee.IsPending)
        {
            // A branch that dies before answering is a failed branch; failover is driven by responses only.
            callee.Phase = LegPhase.Ended;
            callee.FinalStatus = hangup.Kind == HangupKind.TransportFailure ? 503 : 487;
            var verdict = BranchFailed(callee.FinalStatus, allowFailover: false, now);
            if (verdict.Action != LegAction.Fail)
            {
                return NoTerminations;
            }

            var terminate = new List<LegTermination>(verdict.CancelLegs.Count + 1) { RejectCaller(verdict.Status, verdict.Reason) };
            foreach (var id in verdict.CancelLegs)
            {
                terminate.Add(Cancel(Call.FindCallee(id)!, verdict.Reason));
            }

            return terminate;
        }

        if (Call.State == CallState.Answered && Call.ConnectedLeg == callee.Dialog.LegCallId)
        {
            BeginEnding(now, Call.FinalStatus, CallDisposition.Answered, "callee hung up", hangup.EdgeId, hangup.LegCallId, now);
            return NoTerminations;
        }

        callee.Phase = LegPhase.Ended;
        return NoTerminations;
    }

    private void EndUnacknowledged(string? reportingEdge, DateTimeOffset now)
    {
        Call.ChargeAnswered = false;
        BeginEnding(now, Call.FinalStatus, CallDisposition.Failed, "no ACK for 2xx", reportingEdge, exceptLeg: null, now);
    }

    /// <summary>
    /// Decides the end: records when and why, orders every remaining leg ended (<see cref="CallCommandKind.EndLegs"/>)
    /// and waits, bounded by <see cref="CallControlOptions.HangupConfirmTimeout"/>, for the edges to confirm.
    /// </summary>
    private void BeginEnding(
        DateTimeOffset endAt, int finalStatus, CallDisposition disposition, string reason, string? reportingEdge,
        string? exceptLeg, DateTimeOffset now)
    {
        var terminations = Terminations(finalStatus, exceptLeg);
        Call.State = CallState.Ending;
        Call.EndAt = ClampEnd(endAt);
        Call.FinalStatus = finalStatus;
        Call.Disposition = disposition;
        Call.EndReason = reason;
        var awaiting = new List<string>(terminations.Count);
        foreach (var termination in terminations)
        {
            awaiting.Add(termination.Dialog.LegCallId);
        }

        Call.AwaitingConfirmation = awaiting;
        Call.ConfirmDeadline = now + _options.HangupConfirmTimeout;
        foreach (var leg in Call.CalleeLegs)
        {
            if (awaiting.Contains(leg.Dialog.LegCallId))
            {
                leg.Phase = LegPhase.Ending;
            }
        }

        if (exceptLeg is not null && Call.FindCallee(exceptLeg) is { } reporter)
        {
            reporter.Phase = LegPhase.Ended;
        }

        LogEnding(_logger, Call.CallId, reason, terminations.Count);
        if (terminations.Count == 0)
        {
            Complete(confirmed: true, now);
            return;
        }

        PublishLease();
        _commands.Add(new CallCommand(CallCommandKind.EndLegs)
        {
            Terminations = terminations, Edge = reportingEdge, Reason = reason, At = now,
        });
    }

    /// <summary>Every leg still up, except the one that reported its own end, with the request that ends it.</summary>
    private List<LegTermination> Terminations(int finalStatus, string? exceptLeg)
    {
        var list = new List<LegTermination>(Call.CalleeLegs.Count + 1);
        if (Call.CallerLeg is { } caller && caller.LegCallId != exceptLeg)
        {
            if (Call.State == CallState.Answered)
            {
                var dialog = NextRequest(caller);
                list.Add(new LegTermination(dialog, TerminationMethod.Bye, dialog.LocalCSeq, 0, "BYE"));
            }
            else
            {
                list.Add(RejectCaller(finalStatus, ReasonPhrases.For(finalStatus)));
            }
        }

        foreach (var leg in Call.CalleeLegs)
        {
            if (leg.Dialog.LegCallId == exceptLeg)
            {
                continue;
            }

            if (leg.IsPending)
            {
                list.Add(Cancel(leg, "call ended"));
            }
            else if (leg.Phase == LegPhase.Answered)
            {
                var dialog = NextRequest(leg.Dialog);
                list.Add(new LegTermination(dialog, TerminationMethod.Bye, dialog.LocalCSeq, 0, "BYE"));
            }
        }

        return list;
    }

    /// <summary>The caller's INVITE is still pending: the final response reuses its CSeq (RFC 3261 §8.2.6.2).</summary>
    private LegTermination RejectCaller(int status, string reason) =>
        new(Call.CallerLeg!, TerminationMethod.Reject, Call.CallerLeg!.RemoteCSeq, status, reason);

    /// <summary>A CANCEL carries the CSeq number of the INVITE it cancels (RFC 3261 §9.1).</summary>
    private static LegTermination Cancel(CalleeLeg leg, string reason) =>
        new(leg.Dialog, TerminationMethod.Cancel, leg.Dialog.LocalCSeq, 487, reason);

    /// <summary>Never bill past the cap or, once the account said no more, past the covered time.</summary>
    private DateTimeOffset ClampEnd(DateTimeOffset endAt)
    {
        if (Call.AnsweredAt is not { } answered)
        {
            return endAt;
        }

        if (Call.MaxDuration > TimeSpan.Zero && endAt > answered + Call.MaxDuration)
        {
            endAt = answered + Call.MaxDuration;
        }

        if (Call.Exhausted && endAt > answered + Call.ReservedUntil)
        {
            endAt = answered + Call.ReservedUntil;
        }

        return endAt < answered ? answered : endAt;
    }

    private void Confirm(string legCallId, DateTimeOffset now)
    {
        Call.AwaitingConfirmation.Remove(legCallId);
        if (Call.FindCallee(legCallId) is { } leg)
        {
            leg.Phase = LegPhase.Ended;
        }

        if (Call.State == CallState.Ending && Call.AwaitingConfirmation.Count == 0)
        {
            Complete(confirmed: true, now);
        }
    }

    /// <summary>Ends a call that has no leg left to wait for (all branches failed, rejection).</summary>
    private void Finish(int status, string reason, CallDisposition disposition, DateTimeOffset now)
    {
        Call.EndAt = now;
        Call.FinalStatus = status;
        Call.Disposition = disposition;
        Call.EndReason = reason;
        Complete(confirmed: true, now);
    }

    /// <summary>The call is over: settlement is due now (on the next deadline, so the reply to the edge goes first).</summary>
    private void Complete(bool confirmed, DateTimeOffset now)
    {
        if (Call.State == CallState.Ended)
        {
            return;
        }

        if (!confirmed)
        {
            LogUnconfirmed(_logger, Call.CallId, string.Join(",", Call.AwaitingConfirmation));
        }

        Call.State = CallState.Ended;
        Call.EndAt ??= now;
        Call.AwaitingConfirmation.Clear();
        foreach (var leg in Call.CalleeLegs)
        {
            leg.Phase = LegPhase.Ended;
        }

        Call.NextSettlementAt = now;
        _commands.Add(new CallCommand(CallCommandKind.CloseCall));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: edge {Edge} lost; ending the call")]
    private static partial void LogEdgeLost(ILogger logger, string callId, string edge);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ending: {Reason}; {Legs} legs to end")]
    private static partial void LogEnding(ILogger logger, string callId, string reason, int legs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: edges did not confirm legs {Legs}; ended without them")]
    private static partial void LogUnconfirmed(ILogger logger, string callId, string legs);
}
