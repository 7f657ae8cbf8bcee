using Microsoft.Extensions.Logging;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Busy and no-answer forwarding of a ringing call (docs/call-control.md, call forwarding). The machine decides when
/// (every phone busy; no answer by the forwarding's ring time; phones unreachable) and sets
/// <see cref="CallRecord.ForwardDue"/>; the grain routes the target and feeds back <see cref="Forwarded"/> or
/// <see cref="ForwardFailed"/>, whose verdict goes to the edge that reported the last phone's response.
/// </summary>
public sealed partial class CallStateMachine
{
    /// <summary>The route's forwarding becomes the call's; the no-answer clock starts now.</summary>
    private void ArmForward(PendingForward? forward, DateTimeOffset now)
    {
        Call.Forward = forward;
        Call.ForwardCancelling = false;
        Call.ForwardAt = forward?.Settings.OnNoAnswer is not null
            ? now + TimeSpan.FromSeconds(forward.Settings.NoAnswerSeconds)
            : null;
    }

    /// <summary>
    /// The no-answer time is up: CANCEL the ringing phones. Their 487s (or any final response) come back through
    /// <see cref="LegResponded"/>, and the last one moves the call on; a phone that answers meanwhile wins the call.
    /// </summary>
    private void NoAnswerReached(DateTimeOffset now)
    {
        Call.ForwardAt = null;
        var cancels = new List<LegTermination>(Call.CalleeLegs.Count);
        foreach (var leg in Call.CalleeLegs)
        {
            if (leg.IsPending)
            {
                cancels.Add(Cancel(leg, "forward on no answer"));
            }
        }

        if (cancels.Count == 0)
        {
            // No phone left ringing (each already failed and the forward happened, or none ever started): nothing to move on from.
            return;
        }

        Call.ForwardCancelling = true;
        LogForwarding(_logger, Call.CallId, nameof(ForwardKind.NoAnswer), cancels.Count);
        _commands.Add(new CallCommand(CallCommandKind.EndLegs) { Terminations = cancels, Reason = "forward on no answer", At = now });
    }

    /// <summary>
    /// Every branch failed with <paramref name="best"/> and none is pending: which forwarding applies, if any. Marks it
    /// due, so the grain routes it before answering the edge.
    /// </summary>
    private bool ForwardOnFailure(int best)
    {
        if (Call.Forward is not { } forward)
        {
            return false;
        }

        ForwardKind? kind = Call.ForwardCancelling ? ForwardKind.NoAnswer
            : best is 486 or 600 ? ForwardKind.Busy
            : best is 480 or 408 ? ForwardKind.NoAnswer
            : null;
        if (kind is not { } due || forward.TargetFor(due) is null)
        {
            return false;
        }

        // A phone's busy after the no-answer CANCEL still reads as no answer: that is what the forwarding waited for.
        Call.ForwardDue = due;
        Call.ForwardStatus = Call.ForwardCancelling ? 480 : best;
        Call.ForwardAt = null;
        Call.ForwardCancelling = false;
        return true;
    }

    /// <summary>The forwarding target is routed (and, for an outside number, authorised): start its legs.</summary>
    public LegVerdict Forwarded(CallRoute route, CallAuthorization? authorization, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(route);
        var decision = Call.Decision!;
        var offset = decision.Targets.Count;
        var added = new List<CallTarget>(route.Targets.Count);
        foreach (var target in route.Targets)
        {
            added.Add(target with { Index = offset + added.Count });
        }

        Call.Decision = decision with { Targets = [.. decision.Targets, .. added], Strategy = route.Strategy, Direction = route.Direction };
        Call.NextTargetIndex = route.Strategy == ForkStrategy.Sequential ? offset + 1 : offset + added.Count;
        Call.ForwardDue = null;
        Call.Direction = route.Direction;
        Call.Callee = route.Callee;
        Call.AccountId = route.AccountId;
        Call.ForwardedFrom = route.ForwardedFrom;
        Call.CarrierPlans = new Dictionary<string, string>(route.CarrierPlans);
        Call.RingTimeout = now - Call.StartedAt + route.RingTimeout;
        ArmForward(route.Forward, now);
        if (authorization is not null)
        {
            Call.Reserved = authorization.ReservedUntil > TimeSpan.Zero;
            Call.Rate = authorization.Rate;
            Call.ReservedAmount = authorization.ReservedAmount;
            Call.ReservedUntil = authorization.ReservedUntil;
            Call.PolicyMaxDuration = route.MaxCallDuration;
            LimitByBalance(authorization.MaxDuration);
        }

        // Listed again: the lease may now name another account, and the active-calls line another callee.
        PublishLease();
        LogForwarded(_logger, Call.CallId, route.Direction.ToString(), added.Count);
        var status = Call.ForwardStatus;
        return new LegVerdict(LegAction.TryNext, status, ReasonPhrases.For(status), added[0], [])
        {
            AlsoTargets = route.Strategy == ForkStrategy.Parallel && added.Count > 1 ? added[1..] : null,
        };
    }

    /// <summary>The forwarding could not be placed (no route, a loop, refused by the paying account): the caller gets the callee's status.</summary>
    public LegVerdict ForwardFailed(DateTimeOffset now)
    {
        Call.ForwardDue = null;
        Call.Forward = null;
        var status = Call.ForwardStatus;
        var reason = ReasonPhrases.For(status);
        Finish(status, reason, DispositionMap.FromFinalStatus(status), now);
        return new LegVerdict(LegAction.Fail, status, reason, null, []);
    }

    /// <summary>The call's reservation was given back to its account before another account authorises the forwarded call.</summary>
    public void ReservationReleased()
    {
        Call.Reserved = false;
        Call.ReservedAmount = 0m;
        _commands.Add(new CallCommand(CallCommandKind.WithdrawLease));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: {Kind} forwarding, cancelling {Legs} ringing legs")]
    private static partial void LogForwarding(ILogger logger, string callId, string kind, int legs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} forwarded: {Direction}, {Targets} targets")]
    private static partial void LogForwarded(ILogger logger, string callId, string direction, int targets);
}
