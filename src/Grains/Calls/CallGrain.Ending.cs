using Microsoft.Extensions.Logging;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>Ending a call: BYE/CANCEL reports, operator hang-up, commands to edges, confirmation, completion.</summary>
public sealed partial class CallGrain
{
    /// <summary>A live edge to send terminations through when the call's own edge was lost.</summary>
    private string? _survivorEdge;

    /// <summary>Bound on handing a command to an edge's registry; past it the command counts as undelivered.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);

    public async Task<HangupVerdict> HangupReceived(LegHangup hangup)
    {
        ArgumentNullException.ThrowIfNull(hangup);
        if (Call.State is CallState.Initiating or CallState.Ended || Call.CallerLeg is null)
        {
            return new HangupVerdict(Call.State, []);
        }

        var fromCaller = Call.CallerLeg.LegCallId == hangup.LegCallId;
        var callee = fromCaller ? null : FindCallee(hangup.LegCallId);
        if (!fromCaller && callee is null)
        {
            return new HangupVerdict(Call.State, []);
        }

        if (Call.State == CallState.Ending)
        {
            // The peer's BYE crossed ours, or a duplicate: that leg needs nothing more.
            await Confirm(hangup.LegCallId);
            return new HangupVerdict(Call.State, []);
        }

        if (fromCaller)
        {
            return await CallerHungUp(hangup);
        }

        return await CalleeHungUp(callee!, hangup);
    }

    public async Task LegEnded(string legCallId, string edgeId)
    {
        if (Call.AwaitingConfirmation.Contains(legCallId))
        {
            await Confirm(legCallId);
        }
        else if (FindCallee(legCallId) is { Phase: LegPhase.Ending } leg)
        {
            leg.Phase = LegPhase.Ended;
        }
    }

    public async Task<bool> HangUp(string reason)
    {
        if (!IsPreAnswer && Call.State != CallState.Answered)
        {
            return false;
        }

        var answered = Call.State == CallState.Answered;
        await BeginEnding(
            Now, answered ? Call.FinalStatus : 480, answered ? CallDisposition.Answered : CallDisposition.Failed,
            "operator: " + reason, reportingEdge: null, exceptLeg: null);
        return true;
    }

    public async Task EdgeLost(string edgeId, DateTimeOffset lastSeen, string? survivor)
    {
        var answered = Call.State == CallState.Answered;
        if ((!IsPreAnswer && !answered) || !Edges().Contains(edgeId))
        {
            return;
        }

        LogEdgeLost(logger, CallId, edgeId);
        _survivorEdge = survivor;
        var endAt = lastSeen < Now ? lastSeen : Now;
        await BeginEnding(
            endAt, answered ? Call.FinalStatus : 480, answered ? CallDisposition.Answered : CallDisposition.Failed,
            "edge lost: " + edgeId, reportingEdge: null, exceptLeg: null);
    }

    private async Task<HangupVerdict> CallerHungUp(LegHangup hangup)
    {
        var terminate = (IsPreAnswer, hangup.Kind) switch
        {
            // CANCEL (or a BYE before the 2xx) from the caller: 487 was sent by the edge (RFC 3261 §9.2).
            (true, HangupKind.Cancel or HangupKind.Bye) =>
                await BeginEnding(Now, 487, CallDisposition.Cancelled, "caller cancelled", hangup.EdgeId, hangup.LegCallId),
            (true, _) =>
                await BeginEnding(Now, 408, CallDisposition.Failed, "caller leg failed: " + hangup.Reason, hangup.EdgeId, hangup.LegCallId),

            // A CANCEL after the final response has no effect (RFC 3261 §9.2).
            (false, HangupKind.Cancel) => [],

            // No ACK for the 2xx: the dialog was never confirmed, so it is ended on both legs and not charged.
            (false, HangupKind.AckTimeout) => await EndUnacknowledged(hangup.EdgeId),
            (false, _) =>
                await BeginEnding(Now, Call.FinalStatus, CallDisposition.Answered, "caller hung up", hangup.EdgeId, hangup.LegCallId),
        };
        return new HangupVerdict(Call.State, terminate);
    }

    private async Task<HangupVerdict> CalleeHungUp(CalleeLeg callee, LegHangup hangup)
    {
        if (IsPreAnswer && callee.IsPending)
        {
            // A branch that dies before answering is a failed branch; failover is driven by responses only.
            callee.Phase = LegPhase.Ended;
            callee.FinalStatus = hangup.Kind == HangupKind.TransportFailure ? 503 : 487;
            var verdict = await BranchFailed(callee.FinalStatus, allowFailover: false);
            if (verdict.Action != LegAction.Fail)
            {
                return new HangupVerdict(Call.State, []);
            }

            var terminate = new List<LegTermination> { RejectCaller(verdict.Status, verdict.Reason) };
            terminate.AddRange(verdict.CancelLegs.Select(id => FindCallee(id)!).Select(l => Cancel(l, verdict.Reason)));
            return new HangupVerdict(Call.State, terminate);
        }

        if (Call.State == CallState.Answered && Call.ConnectedLeg == callee.Dialog.LegCallId)
        {
            var terminate = await BeginEnding(
                Now, Call.FinalStatus, CallDisposition.Answered, "callee hung up", hangup.EdgeId, hangup.LegCallId);
            return new HangupVerdict(Call.State, terminate);
        }

        callee.Phase = LegPhase.Ended;
        return new HangupVerdict(Call.State, []);
    }

    private Task<List<LegTermination>> EndUnacknowledged(string? reportingEdge)
    {
        Call.ChargeAnswered = false;
        return BeginEnding(Now, Call.FinalStatus, CallDisposition.Failed, "no ACK for 2xx", reportingEdge, exceptLeg: null);
    }

    /// <summary>
    /// Decides the end: records when and why, orders every remaining leg ended, and waits (bounded) for the edges
    /// to confirm. Returns the legs the reporting edge must end itself.
    /// </summary>
    private async Task<List<LegTermination>> BeginEnding(
        DateTimeOffset endAt, int finalStatus, CallDisposition disposition, string reason, string? reportingEdge, string? exceptLeg)
    {
        var terminations = Terminations(finalStatus, exceptLeg);
        Call.State = CallState.Ending;
        Call.EndAt = ClampEnd(endAt);
        Call.FinalStatus = finalStatus;
        Call.Disposition = disposition;
        Call.EndReason = reason;
        Call.AwaitingConfirmation = terminations.Select(t => t.Dialog.LegCallId).ToList();
        Call.ConfirmDeadline = Now + _options.HangupConfirmTimeout;
        foreach (var leg in Call.CalleeLegs.Where(l => Call.AwaitingConfirmation.Contains(l.Dialog.LegCallId)))
        {
            leg.Phase = LegPhase.Ending;
        }

        if (exceptLeg is not null && FindCallee(exceptLeg) is { } reporter)
        {
            reporter.Phase = LegPhase.Ended;
        }

        LogEnding(logger, CallId, reason, terminations.Count);
        if (terminations.Count == 0)
        {
            await Complete(confirmed: true);
            return [];
        }

        ArmDeadline();
        PublishLease();
        return await Dispatch(terminations, reportingEdge, reason);
    }

    /// <summary>Every leg still up, except the one that reported its own end, with the request that ends it.</summary>
    private List<LegTermination> Terminations(int finalStatus, string? exceptLeg)
    {
        var list = new List<LegTermination>();
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

        foreach (var leg in Call.CalleeLegs.Where(l => l.Dialog.LegCallId != exceptLeg))
        {
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

    /// <summary>
    /// Legs owned by the reporting edge go back to it; the others are sent to their owners. An owner without a
    /// live subscription has its legs handed to the reporting edge or, for grain-initiated ends, to another edge
    /// of the call: any edge can send a BYE from the dialog state.
    /// </summary>
    private async Task<List<LegTermination>> Dispatch(List<LegTermination> terminations, string? reportingEdge, string reason)
    {
        var forReporter = terminations.Where(t => t.Dialog.EdgeId == reportingEdge).ToList();
        var edges = terminations.Select(t => t.Dialog.EdgeId).Distinct(StringComparer.Ordinal).ToList();
        foreach (var group in terminations.Where(t => t.Dialog.EdgeId != reportingEdge).GroupBy(t => t.Dialog.EdgeId))
        {
            var legs = group.ToList();
            if (await Deliver(group.Key, legs, reason))
            {
                continue;
            }

            if (reportingEdge is not null)
            {
                forReporter.AddRange(legs);
                continue;
            }

            // Any live edge can send a BYE from the dialog state: the call's other edges first, then the survivor
            // the renewer named when this call's edge was lost.
            foreach (var other in edges.Append(_survivorEdge).OfType<string>().Distinct().Where(e => e != group.Key))
            {
                if (await Deliver(other, legs, reason))
                {
                    break;
                }
            }
        }

        return forReporter;
    }

    private async Task<bool> Deliver(string edgeId, IReadOnlyList<LegTermination> legs, string reason)
    {
        try
        {
            var command = new EdgeCommand(CallId, reason, legs, Now);
            return await GrainFactory.GetGrain<IEdgeRegistryGrain>(edgeId).Deliver(command).WaitAsync(DeliveryTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDeliveryFailed(logger, CallId, edgeId, ex);
            return false;
        }
    }

    private async Task Confirm(string legCallId)
    {
        Call.AwaitingConfirmation.Remove(legCallId);
        if (FindCallee(legCallId) is { } leg)
        {
            leg.Phase = LegPhase.Ended;
        }

        if (Call.State == CallState.Ending && Call.AwaitingConfirmation.Count == 0)
        {
            await Complete(confirmed: true);
        }
        else
        {
        }
    }

    /// <summary>Ends a call that has no leg left to wait for (all branches failed, rejection).</summary>
    private Task Finish(int status, string reason, CallDisposition disposition)
    {
        Call.EndAt = Now;
        Call.FinalStatus = status;
        Call.Disposition = disposition;
        Call.EndReason = reason;
        return Complete(confirmed: true);
    }

    private async Task Complete(bool confirmed)
    {
        if (Call.State == CallState.Ended)
        {
            return;
        }

        if (!confirmed)
        {
            LogUnconfirmed(logger, CallId, string.Join(",", Call.AwaitingConfirmation));
        }

        Call.State = CallState.Ended;
        metrics.CallEnded(Call.Disposition ?? CallDisposition.Failed);
        Call.EndAt ??= Now;
        Call.AwaitingConfirmation.Clear();
        foreach (var leg in Call.CalleeLegs)
        {
            leg.Phase = LegPhase.Ended;
        }

        Call.NextSettlementAt = Now;
        await ReleaseIndexes();
        if (Call.TenantId.Length > 0)
        {
            await GrainFactory.GetGrain<IActiveCallsGrain>(Call.TenantId).Remove(CallId);
        }

        ArmDeadline();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: edge {Edge} lost; ending the call")]
    private static partial void LogEdgeLost(ILogger logger, string callId, string edge);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ending: {Reason}; {Legs} legs to end")]
    private static partial void LogEnding(ILogger logger, string callId, string reason, int legs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: edges did not confirm legs {Legs}; ended without them")]
    private static partial void LogUnconfirmed(ILogger logger, string callId, string legs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: command to edge {Edge} not delivered")]
    private static partial void LogDeliveryFailed(ILogger logger, string callId, string edge, Exception exception);
}
