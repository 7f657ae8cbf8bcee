using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The state of a call, in the call grain's memory only. Losing it with a silo costs the call, not its money: the
/// account holds the call's lease and bills it (docs/architecture.md, failure costs). Only the
/// <see cref="CallStateMachine"/> writes it; the grain reads it through the projections at the end of this file.
/// </summary>
public sealed class CallRecord
{
    public required string CallId { get; init; }
    public CallState State { get; set; }
    public string TenantId { get; set; } = string.Empty;
    public CallOrigin? Origin { get; set; }
    public CallDirection Direction { get; set; }
    public string Dialled { get; set; } = string.Empty;

    /// <summary>The callee as billed and listed: E.164 digits for trunk calls, the extension for on-net.</summary>
    public string Callee { get; set; } = string.Empty;
    public string? AccountId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The first ringing or early-media response relayed to the caller (post-dial delay statistics).</summary>
    public DateTimeOffset? RingingAt { get; set; }

    /// <summary>The moment the call ended for billing: when the end was decided, never after the covered time.</summary>
    public DateTimeOffset? EndAt { get; set; }
    public CallDecision? Decision { get; set; }
    public LegDialog? CallerLeg { get; set; }
    public List<CalleeLeg> CalleeLegs { get; set; } = [];
    public string? ConnectedLeg { get; set; }
    public List<string> CancelledOnConnect { get; set; } = [];

    /// <summary>Answered time the account has reserved credit for.</summary>
    public TimeSpan ReservedUntil { get; set; }

    /// <summary>Hard cap on answered time: tenant policy, or what the balance allows when that is less.</summary>
    public TimeSpan MaxDuration { get; set; }
    public bool CappedByBalance { get; set; }
    public bool Exhausted { get; set; }
    public bool Acknowledged { get; set; }
    public int FinalStatus { get; set; }
    public string EndReason { get; set; } = string.Empty;
    public CallDisposition? Disposition { get; set; }
    public List<string> AwaitingConfirmation { get; set; } = [];
    public DateTimeOffset? ConfirmDeadline { get; set; }
    public bool Settled { get; set; }
    public int SettlementAttempts { get; set; }
    public DateTimeOffset? NextSettlementAt { get; set; }
    public TimeSpan RingTimeout { get; set; }

    /// <summary>False when an answered call never got its ACK: the dialog was never confirmed, nothing is charged.</summary>
    public bool ChargeAnswered { get; set; } = true;
    public string? TrunkId { get; set; }
    public Dictionary<string, string> CarrierPlans { get; set; } = [];
    public int NextTargetIndex { get; set; }
    public DateTimeOffset? NextExtensionRetryAt { get; set; }

    /// <summary>The tenant's cap, kept apart so a top-up during the call can lift a balance cap up to it.</summary>
    public TimeSpan PolicyMaxDuration { get; set; }

    /// <summary>True once the account reserved credit for the call: from then on it holds a lease to renew and settle.</summary>
    public bool Reserved { get; set; }

    public AppliedRate? Rate { get; set; }

    /// <summary>What the account holds for <see cref="ReservedUntil"/>.</summary>
    public decimal ReservedAmount { get; set; }

    /// <summary>True after the call showed its lease to an account that had lost it (done at most once).</summary>
    public bool Reattached { get; set; }

    public DateTimeOffset SettledAt { get; set; }

    /// <summary>A live edge to send terminations through when the call's own edge was lost.</summary>
    public string? SurvivorEdge { get; set; }

    /// <summary>The ringing extension's busy and no-answer forwarding still to come (docs/call-control.md, call forwarding).</summary>
    public PendingForward? Forward { get; set; }

    /// <summary>When the no-answer forwarding cancels the ringing phones; null when there is none.</summary>
    public DateTimeOffset? ForwardAt { get; set; }

    /// <summary>The ringing phones were cancelled for the no-answer forwarding: their end moves the call on.</summary>
    public bool ForwardCancelling { get; set; }

    /// <summary>A forwarding the grain must route now (it reads other grains); cleared by the machine's answer to it.</summary>
    public ForwardKind? ForwardDue { get; set; }

    /// <summary>What the caller gets if the forwarding cannot be placed: the callee's own busy or no-answer status.</summary>
    public int ForwardStatus { get; set; }

    /// <summary>The last extension whose forwarding the call followed, if any.</summary>
    public string? ForwardedFrom { get; set; }

    /// <summary>Set once the settled call asked to deactivate: no deadline is left to arm.</summary>
    public bool Retiring { get; set; }

    public bool IsPreAnswer => State is CallState.Routing or CallState.Ringing or CallState.EarlyMedia;

    public CalleeLeg? FindCallee(string legCallId)
    {
        foreach (var leg in CalleeLegs)
        {
            if (leg.Dialog.LegCallId == legCallId)
            {
                return leg;
            }
        }

        return null;
    }

    public CallSnapshot? ToSnapshot()
    {
        if (Decision is null)
        {
            return null;
        }

        var legs = new List<LegDialog>(CalleeLegs.Count + 1);
        if (CallerLeg is { } caller)
        {
            legs.Add(caller);
        }

        foreach (var leg in CalleeLegs)
        {
            legs.Add(leg.Dialog);
        }

        return new CallSnapshot(
            CallId, TenantId, State, Direction, Origin?.CallerNumber ?? string.Empty, Callee,
            AccountId, StartedAt, AnsweredAt, State >= CallState.Ending ? EndAt : null,
            FinalStatus, Disposition, Settled, legs, EndReason);
    }

    /// <summary>What the account bills the call by if this silo dies: the CDR template up to the answer, and the reservation.</summary>
    public CallLease ToLease() => new(
        ToDetailRecord(StartedAt) with { EndedAt = AnsweredAt ?? StartedAt },
        Rate,
        (int)ReservedUntil.TotalSeconds,
        ReservedAmount,
        StartedAt);

    public ActiveCall ToLine(DateTimeOffset now) => new(
        CallId, TenantId, State, Direction, Origin?.CallerNumber ?? string.Empty, Callee, StartedAt, AnsweredAt, now);

    /// <summary>The edges holding the call's legs (a lost one ends the call).</summary>
    public List<string> Edges()
    {
        var edges = new List<string>(2);
        if (CallerLeg is { } caller)
        {
            edges.Add(caller.EdgeId);
        }

        foreach (var leg in CalleeLegs)
        {
            if (!edges.Contains(leg.Dialog.EdgeId))
            {
                edges.Add(leg.Dialog.EdgeId);
            }
        }

        return edges;
    }

    /// <summary>The CDR; <paramref name="now"/> stands in for the end of a call that has not ended.</summary>
    public CallDetailRecord ToDetailRecord(DateTimeOffset now)
    {
        var answeredAt = ChargeAnswered ? AnsweredAt : null;
        var endedAt = EndAt ?? now;
        var calleeLeg = ConnectedLeg ?? (CalleeLegs.Count > 0 ? CalleeLegs[^1].Dialog.LegCallId : string.Empty);
        return new CallDetailRecord(
            CallId,
            AccountId!,
            TenantId,
            Origin?.CallerNumber ?? string.Empty,
            Callee,
            Direction,
            StartedAt,
            answeredAt,
            answeredAt is { } a && endedAt < a ? a : endedAt,
            FinalStatus,
            Disposition ?? DispositionMap.FromFinalStatus(FinalStatus),
            CallerLeg?.LegCallId ?? string.Empty,
            calleeLeg,
            CallerLeg?.EdgeId ?? string.Empty,
            TrunkId)
        {
            CarrierPlanId = Direction == CallDirection.Outbound && TrunkId is { } trunk
                ? CarrierPlans.GetValueOrDefault(trunk)
                : null,
            RingingAt = RingingAt,
        };
    }
}
