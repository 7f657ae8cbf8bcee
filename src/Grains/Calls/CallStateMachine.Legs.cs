using Microsoft.Extensions.Logging;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>Callee legs: their start, their responses (forking, failover, answer), the caller's ACK, in-dialog requests.</summary>
public sealed partial class CallStateMachine
{
    /// <summary>Whether the edge may send this callee leg's INVITE (before the grain indexes its Call-ID).</summary>
    public bool CanStartLeg(LegStart leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        var targets = Call.Decision?.Targets ?? [];
        return Call.IsPreAnswer && leg.TargetIndex >= 0 && leg.TargetIndex < targets.Count;
    }

    /// <summary>The edge sends a callee leg's INVITE (admitted by <see cref="CanStartLeg"/> and indexed).</summary>
    public void LegStarted(LegStart leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        Call.CalleeLegs.Add(new CalleeLeg { Dialog = leg.Dialog with { Role = LegRole.Callee }, TargetIndex = leg.TargetIndex });
        Call.NextTargetIndex = Math.Max(Call.NextTargetIndex, leg.TargetIndex + 1);
        if (Call.Decision!.Targets[leg.TargetIndex].TrunkId is { } trunkId)
        {
            Call.TrunkId = trunkId;
        }
    }

    /// <summary>A provisional or final response on a callee leg: what the edge does with it.</summary>
    public LegVerdict LegResponded(LegResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var leg = Call.FindCallee(response.LegCallId);
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
            < 200 => Provisional(leg, response, now),
            < 300 => Success(leg, response, now),
            _ => Failure(leg, response.Status, now),
        };
    }

    /// <summary>The caller's ACK for our 2xx (RFC 3261 §13.3.1.4): the call is confirmed.</summary>
    public void Acknowledged(string legCallId)
    {
        if (Call.State == CallState.Answered && !Call.Acknowledged && Call.CallerLeg?.LegCallId == legCallId)
        {
            Call.Acknowledged = true;
        }
    }

    /// <summary>A re-INVITE/UPDATE/INFO/... on a leg: the peer leg's dialog with its next CSeq, or a refusal.</summary>
    public InDialogRoute InDialog(InDialogRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Call.State is CallState.Initiating or CallState.Ended || Call.CallerLeg is null)
        {
            return InDialogRoute.Refuse(481, ReasonPhrases.For(481));
        }

        var fromCaller = Call.CallerLeg.LegCallId == request.LegCallId;
        var callee = fromCaller ? null : Call.FindCallee(request.LegCallId);
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
            return Call.FindCallee(connected)?.Dialog;
        }

        // Before the answer an in-dialog request (UPDATE, PRACK, INFO) can only go to a single early dialog.
        CalleeLeg? early = null;
        foreach (var leg in Call.CalleeLegs)
        {
            if (leg.Phase == LegPhase.Early)
            {
                if (early is not null)
                {
                    return null;
                }

                early = leg;
            }
        }

        return early?.Dialog;
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
        else if (Call.FindCallee(dialog.LegCallId) is { } leg)
        {
            leg.Dialog = dialog;
        }
    }

    private LegVerdict Provisional(CalleeLeg leg, LegResponse response, DateTimeOffset now)
    {
        // 100 Trying is hop-by-hop (RFC 3261 §16.7 step 5) and says nothing about the callee.
        if (response.Status == 100)
        {
            return LegVerdict.Of(LegAction.Wait);
        }

        if (!Call.IsPreAnswer || !leg.IsPending)
        {
            return LegVerdict.Of(LegAction.Discard);
        }

        leg.Phase = LegPhase.Early;
        Call.RingingAt ??= now;
        var next = response.Sdp is not null || Call.State == CallState.EarlyMedia ? CallState.EarlyMedia : CallState.Ringing;
        if (next != Call.State)
        {
            Call.State = next;
            PublishLease();
        }

        return new LegVerdict(LegAction.Relay, response.Status, response.Reason, null, []);
    }

    private LegVerdict Success(CalleeLeg leg, LegResponse response, DateTimeOffset now)
    {
        if (Call.ConnectedLeg == leg.Dialog.LegCallId)
        {
            return new LegVerdict(LegAction.Connect, 200, response.Reason, null, Call.CancelledOnConnect);
        }

        if (!Call.IsPreAnswer || !leg.IsPending)
        {
            // A second 2xx of a fork, or one that crossed our CANCEL: ACK and BYE it (RFC 3261 §13.2.2.4).
            if (!Call.AwaitingConfirmation.Contains(leg.Dialog.LegCallId))
            {
                leg.Phase = LegPhase.Ended;
            }

            return LegVerdict.Of(LegAction.Discard);
        }

        var cancel = new List<string>();
        foreach (var other in Call.CalleeLegs)
        {
            if (other != leg && other.IsPending)
            {
                other.Phase = LegPhase.Ending;
                cancel.Add(other.Dialog.LegCallId);
            }
        }

        leg.Phase = LegPhase.Answered;
        leg.FinalStatus = response.Status;
        Call.ConnectedLeg = leg.Dialog.LegCallId;
        Call.CancelledOnConnect = cancel;
        Call.State = CallState.Answered;
        Call.AnsweredAt = now;

        // Answered, even by a phone whose CANCEL for a no-answer forward crossed its 200: no forwarding any more.
        Call.Forward = null;
        Call.ForwardAt = null;
        Call.ForwardCancelling = false;
        Call.FinalStatus = response.Status;
        if (Call.Decision!.Targets[leg.TargetIndex].TrunkId is { } trunkId)
        {
            Call.TrunkId = trunkId;
        }

        PublishLease();
        _commands.Add(new CallCommand(CallCommandKind.AnnounceAnswer));
        LogAnswered(_logger, Call.CallId);
        return new LegVerdict(LegAction.Connect, response.Status, response.Reason, null, Call.CancelledOnConnect);
    }

    private LegVerdict Failure(CalleeLeg leg, int status, DateTimeOffset now)
    {
        var wasAwaited = Call.AwaitingConfirmation.Remove(leg.Dialog.LegCallId);
        var wasPending = leg.IsPending;
        leg.Phase = LegPhase.Ended;
        leg.FinalStatus = status;
        if (wasAwaited && Call.State == CallState.Ending && Call.AwaitingConfirmation.Count == 0)
        {
            // The 487 to our CANCEL is the confirmation that leg is gone.
            Complete(confirmed: true, now);
            return LegVerdict.Of(LegAction.Wait);
        }

        if (!Call.IsPreAnswer || !wasPending)
        {
            return LegVerdict.Of(LegAction.Wait);
        }

        return BranchFailed(status, allowFailover: true, now);
    }

    /// <summary>
    /// A pending branch failed before any answer: fail over (sequential), wait for the other branches (parallel),
    /// or give up with the best response (RFC 3261 §16.7 step 6; a 6xx ends the search at once, step 5).
    /// </summary>
    private LegVerdict BranchFailed(int status, bool allowFailover, DateTimeOffset now)
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
            if (notStarted > 0 || AnyPending())
            {
                return LegVerdict.Of(LegAction.Wait);
            }
        }

        var cancel = new List<string>();
        var finals = new List<int>(Call.CalleeLegs.Count);
        foreach (var other in Call.CalleeLegs)
        {
            if (other.IsPending)
            {
                other.Phase = LegPhase.Ended;
                cancel.Add(other.Dialog.LegCallId);
            }

            if (other.FinalStatus >= 300)
            {
                finals.Add(other.FinalStatus);
            }
        }

        var best = ResponsePriority.Best(finals);
        if (allowFailover && cancel.Count == 0 && ForwardOnFailure(best))
        {
            // The grain routes the forwarding and answers the edge with Forwarded or ForwardFailed instead.
            return LegVerdict.Of(LegAction.Wait);
        }

        var reason = ReasonPhrases.For(best);
        Finish(best, reason, DispositionMap.FromFinalStatus(best), now);
        return new LegVerdict(LegAction.Fail, best, reason, null, cancel);
    }

    private bool AnyPending()
    {
        foreach (var leg in Call.CalleeLegs)
        {
            if (leg.IsPending)
            {
                return true;
            }
        }

        return false;
    }

    // No leg Call-ID at Information (docs/privacy.md, logs): the call key correlates the call's lines.
    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} answered")]
    private static partial void LogAnswered(ILogger logger, string callId);
}
