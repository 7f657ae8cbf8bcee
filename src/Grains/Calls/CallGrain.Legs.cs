using Microsoft.Extensions.Logging;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>Callee legs: their start, their responses (forking, failover, answer), the caller's ACK, in-dialog requests.</summary>
public sealed partial class CallGrain
{
    public async Task<bool> LegStarted(LegStart leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (FindCallee(leg.Dialog.LegCallId) is not null)
        {
            return true;
        }

        var targets = Call.Decision?.Targets ?? [];
        if (!IsPreAnswer || leg.TargetIndex < 0 || leg.TargetIndex >= targets.Count)
        {
            return false;
        }

        if (!await Index(leg.Dialog.LegCallId))
        {
            return false;
        }

        Call.CalleeLegs.Add(new CalleeLeg { Dialog = leg.Dialog with { Role = LegRole.Callee }, TargetIndex = leg.TargetIndex });
        Call.NextTargetIndex = Math.Max(Call.NextTargetIndex, leg.TargetIndex + 1);
        if (targets[leg.TargetIndex].TrunkId is { } trunkId)
        {
            Call.TrunkId = trunkId;
        }

        return true;
    }

    public async Task<LegVerdict> LegResponded(LegResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var leg = FindCallee(response.LegCallId);
        if (leg is null)
        {
            return LegVerdict.Of(response.Status is >= 200 and < 300 ? LegAction.Discard : LegAction.Wait);
        }

        leg.Dialog = leg.Dialog with
        {
            RemoteTag = response.RemoteTag ?? leg.Dialog.RemoteTag,
            RemoteTarget = response.RemoteTarget ?? leg.Dialog.RemoteTarget,
            RouteSet = response.RouteSet ?? leg.Dialog.RouteSet,
            RemoteSdp = response.Sdp ?? leg.Dialog.RemoteSdp,
        };

        return response.Status switch
        {
            < 200 => await Provisional(leg, response),
            < 300 => await Success(leg, response),
            _ => await Failure(leg, response.Status),
        };
    }

    public async Task Acknowledged(string legCallId)
    {
        if (Call.State == CallState.Answered && !Call.Acknowledged && Call.CallerLeg?.LegCallId == legCallId)
        {
            Call.Acknowledged = true;
            ArmDeadline();
        }
    }

    public async Task<InDialogRoute> InDialog(InDialogRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Call.State is CallState.Initiating or CallState.Ended || Call.CallerLeg is null)
        {
            return InDialogRoute.Refuse(481, ReasonPhrases.For(481));
        }

        var fromCaller = Call.CallerLeg.LegCallId == request.LegCallId;
        var callee = fromCaller ? null : FindCallee(request.LegCallId);
        var dialog = fromCaller ? Call.CallerLeg : callee?.Dialog;
        if (dialog is null)
        {
            return InDialogRoute.Refuse(481, ReasonPhrases.For(481));
        }

        // RFC 3261 §12.2.2: a CSeq lower than the last one of the dialog is out of order.
        if (request.CSeq <= dialog.RemoteCSeq)
        {
            return InDialogRoute.Refuse(500, "CSeq Out of Order");
        }

        var peer = fromCaller ? PeerOfCaller() : PeerOfCallee(callee!);
        if (peer is null)
        {
            return InDialogRoute.Refuse(481, ReasonPhrases.For(481));
        }

        // Ownership follows the peer's traffic: the edge it now reaches is the one that can answer it.
        var updated = dialog with
        {
            RemoteCSeq = request.CSeq,
            EdgeId = request.EdgeId,
            RemoteAddress = request.Source,
            RemoteTarget = request.RemoteTarget ?? dialog.RemoteTarget,
            RemoteSdp = request.Sdp ?? dialog.RemoteSdp,
        };
        SetDialog(updated);
        var forwarded = NextRequest(peer);
        return new InDialogRoute(0, string.Empty, forwarded, forwarded.LocalCSeq);
    }

    private LegDialog? PeerOfCaller()
    {
        if (Call.ConnectedLeg is { } connected)
        {
            return FindCallee(connected)?.Dialog;
        }

        // Before the answer an in-dialog request (UPDATE, PRACK, INFO) can only go to a single early dialog.
        var early = Call.CalleeLegs.Where(l => l.Phase == LegPhase.Early).ToList();
        return early.Count == 1 ? early[0].Dialog : null;
    }

    private LegDialog? PeerOfCallee(CalleeLeg callee) =>
        callee.Phase is LegPhase.Answered or LegPhase.Early ? Call.CallerLeg : null;

    /// <summary>Allocates the next local CSeq of a leg for a request any edge will send (RFC 3261 §12.2.1.1).</summary>
    private LegDialog NextRequest(LegDialog dialog)
    {
        var next = dialog with { LocalCSeq = dialog.LocalCSeq + 1 };
        SetDialog(next);
        return next;
    }

    private void SetDialog(LegDialog dialog)
    {
        if (Call.CallerLeg?.LegCallId == dialog.LegCallId)
        {
            Call.CallerLeg = dialog;
        }
        else if (FindCallee(dialog.LegCallId) is { } leg)
        {
            leg.Dialog = dialog;
        }
    }

    private async Task<LegVerdict> Provisional(CalleeLeg leg, LegResponse response)
    {
        // 100 Trying is hop-by-hop (RFC 3261 §16.7 step 5) and says nothing about the callee.
        if (response.Status == 100)
        {
            return LegVerdict.Of(LegAction.Wait);
        }

        if (!IsPreAnswer || !leg.IsPending)
        {
            return LegVerdict.Of(LegAction.Discard);
        }

        leg.Phase = LegPhase.Early;
        var next = response.Sdp is not null || Call.State == CallState.EarlyMedia ? CallState.EarlyMedia : CallState.Ringing;
        if (next != Call.State)
        {
            Call.State = next;
            PublishLease();
        }

        return new LegVerdict(LegAction.Relay, response.Status, response.Reason, null, []);
    }

    private async Task<LegVerdict> Success(CalleeLeg leg, LegResponse response)
    {
        if (Call.ConnectedLeg == leg.Dialog.LegCallId)
        {
            return new LegVerdict(LegAction.Connect, 200, response.Reason, null, Call.CancelledOnConnect);
        }

        if (!IsPreAnswer || !leg.IsPending)
        {
            // A second 2xx of a fork, or one that crossed our CANCEL: ACK and BYE it (RFC 3261 §13.2.2.4).
            if (!Call.AwaitingConfirmation.Contains(leg.Dialog.LegCallId))
            {
                leg.Phase = LegPhase.Ended;
            }

            return LegVerdict.Of(LegAction.Discard);
        }

        var cancel = Call.CalleeLegs.Where(l => l != leg && l.IsPending).ToList();
        foreach (var other in cancel)
        {
            other.Phase = LegPhase.Ending;
        }

        leg.Phase = LegPhase.Answered;
        leg.FinalStatus = response.Status;
        Call.ConnectedLeg = leg.Dialog.LegCallId;
        Call.CancelledOnConnect = cancel.Select(l => l.Dialog.LegCallId).ToList();
        Call.State = CallState.Answered;
        Call.AnsweredAt = Now;
        metrics.CallSetup(Call.AnsweredAt.Value - Call.StartedAt);
        Call.FinalStatus = response.Status;
        if (Call.Decision!.Targets[leg.TargetIndex].TrunkId is { } trunkId)
        {
            Call.TrunkId = trunkId;
        }

        PublishLease();
        if (Call.AccountId is { } account && Call.Reserved)
        {
            // One-way: the caller's 200 never waits for the account to journal the lease.
            _ = accounting.Answered(account, Lease());
        }

        await ReportActive();
        ArmDeadline();
        LogAnswered(logger, CallId, leg.Dialog.LegCallId);
        return new LegVerdict(LegAction.Connect, response.Status, response.Reason, null, Call.CancelledOnConnect);
    }

    private async Task<LegVerdict> Failure(CalleeLeg leg, int status)
    {
        var wasAwaited = Call.AwaitingConfirmation.Remove(leg.Dialog.LegCallId);
        var wasPending = leg.IsPending;
        leg.Phase = LegPhase.Ended;
        leg.FinalStatus = status;
        if (wasAwaited && Call.State == CallState.Ending && Call.AwaitingConfirmation.Count == 0)
        {
            // The 487 to our CANCEL is the confirmation that leg is gone.
            await Complete(confirmed: true);
            return LegVerdict.Of(LegAction.Wait);
        }

        if (!IsPreAnswer || !wasPending)
        {
            return LegVerdict.Of(LegAction.Wait);
        }

        return await BranchFailed(status, allowFailover: true);
    }

    /// <summary>
    /// A pending branch failed before any answer: fail over (sequential), wait for the other branches (parallel),
    /// or give up with the best response (RFC 3261 §16.7 step 6; a 6xx ends the search at once, step 5).
    /// </summary>
    private async Task<LegVerdict> BranchFailed(int status, bool allowFailover)
    {
        var decision = Call.Decision!;
        var targets = decision.Targets;
        var globalFailure = status is >= 600 and < 700;
        if (!globalFailure && decision.Strategy == ForkStrategy.Sequential)
        {
            if (allowFailover && ResponsePriority.IsFailover(status) && Call.NextTargetIndex < targets.Count)
            {
                return new LegVerdict(LegAction.TryNext, status, ReasonPhrases.For(status), targets[Call.NextTargetIndex], []);
            }
        }
        else if (!globalFailure)
        {
            var notStarted = targets.Count - Call.CalleeLegs.Count;
            if (notStarted > 0 || Call.CalleeLegs.Any(l => l.IsPending))
            {
                return LegVerdict.Of(LegAction.Wait);
            }
        }

        var cancel = Call.CalleeLegs.Where(l => l.IsPending).ToList();
        foreach (var other in cancel)
        {
            other.Phase = LegPhase.Ended;
        }

        var best = ResponsePriority.Best(Call.CalleeLegs.Where(l => l.FinalStatus >= 300).Select(l => l.FinalStatus).ToList());
        var reason = ReasonPhrases.For(best);
        await Finish(best, reason, DispositionMap.FromFinalStatus(best));
        return new LegVerdict(LegAction.Fail, best, reason, null, cancel.Select(l => l.Dialog.LegCallId).ToList());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} answered on leg {LegCallId}")]
    private static partial void LogAnswered(ILogger logger, string callId, string legCallId);
}
