using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The state of a call, in the call grain's memory only. Losing it with a silo costs the call, not its money: the
/// account holds the call's lease and bills it (docs/architecture.md, failure costs).
/// </summary>
public sealed class CallRecord
{
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
}
