using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Persisted state of a call (state name <c>call</c>), written at every transition so a call survives the silo
/// that ran it: its one-minute reminder re-activates it elsewhere and the deadlines below are re-armed from here.
/// </summary>
[GenerateSerializer]
public sealed class CallRecord
{
    [Id(0)] public CallState State { get; set; }
    [Id(1)] public string TenantId { get; set; } = string.Empty;
    [Id(2)] public CallOrigin? Origin { get; set; }
    [Id(3)] public CallDirection Direction { get; set; }
    [Id(4)] public string Dialled { get; set; } = string.Empty;

    /// <summary>The callee as billed and listed: E.164 digits for trunk calls, the extension for on-net.</summary>
    [Id(5)] public string Callee { get; set; } = string.Empty;
    [Id(6)] public string? AccountId { get; set; }
    [Id(7)] public DateTimeOffset StartedAt { get; set; }
    [Id(8)] public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The moment the call ended for billing: when the end was decided, never after the covered time.</summary>
    [Id(9)] public DateTimeOffset? EndAt { get; set; }
    [Id(10)] public CallDecision? Decision { get; set; }
    [Id(11)] public LegDialog? CallerLeg { get; set; }
    [Id(12)] public List<CalleeLeg> CalleeLegs { get; set; } = [];
    [Id(13)] public string? ConnectedLeg { get; set; }
    [Id(14)] public List<string> CancelledOnConnect { get; set; } = [];

    /// <summary>Answered time the account has reserved credit for.</summary>
    [Id(15)] public TimeSpan ReservedUntil { get; set; }

    /// <summary>Hard cap on answered time: tenant policy, or what the balance allows when that is less.</summary>
    [Id(16)] public TimeSpan MaxDuration { get; set; }
    [Id(17)] public bool CappedByBalance { get; set; }
    [Id(18)] public bool Exhausted { get; set; }
    [Id(19)] public bool Acknowledged { get; set; }
    [Id(20)] public int FinalStatus { get; set; }
    [Id(21)] public string EndReason { get; set; } = string.Empty;
    [Id(22)] public CallDisposition? Disposition { get; set; }
    [Id(23)] public List<string> AwaitingConfirmation { get; set; } = [];
    [Id(24)] public DateTimeOffset? ConfirmDeadline { get; set; }
    [Id(25)] public bool Settled { get; set; }
    [Id(26)] public int SettlementAttempts { get; set; }
    [Id(27)] public DateTimeOffset? NextSettlementAt { get; set; }
    [Id(28)] public TimeSpan RingTimeout { get; set; }

    /// <summary>False when an answered call never got its ACK: the dialog was never confirmed, nothing is charged.</summary>
    [Id(29)] public bool ChargeAnswered { get; set; } = true;
    [Id(30)] public string? TrunkId { get; set; }
    [Id(31)] public Dictionary<string, string> CarrierPlans { get; set; } = [];
    [Id(32)] public int NextTargetIndex { get; set; }
    [Id(33)] public DateTimeOffset? NextExtensionRetryAt { get; set; }

    /// <summary>The tenant's cap, kept apart so a top-up during the call can lift a balance cap up to it.</summary>
    [Id(34)] public TimeSpan PolicyMaxDuration { get; set; }
}
