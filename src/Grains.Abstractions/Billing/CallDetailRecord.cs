namespace Switchboard.Grains.Billing;

/// <summary>
/// The call record settled exactly once per <see cref="CallId"/>. Times are UTC. The call grain fills the
/// positional members (and <see cref="CarrierPlanId"/>, the cost plan of the trunk used); the account fills the
/// rating members at settlement, so whatever the caller passes there is ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallDetailRecord")]
public sealed record CallDetailRecord(
    [property: Id(0)] string CallId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string Caller,
    [property: Id(4)] string Callee,
    [property: Id(5)] CallDirection Direction,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? AnsweredAt,
    [property: Id(8)] DateTimeOffset EndedAt,
    [property: Id(9)] int FinalSipStatus,
    [property: Id(10)] CallDisposition Disposition,
    [property: Id(11)] string CallerLegCallId,
    [property: Id(12)] string CalleeLegCallId,
    [property: Id(13)] string EdgeId,
    [property: Id(14)] string? TrunkId)
{
    /// <summary>The carrier's cost deck for the trunk the call left through; null when no carrier was involved.</summary>
    [Id(15)]
    public string? CarrierPlanId { get; init; }

    /// <summary>Seconds charged after minimum duration and billing increments.</summary>
    [Id(16)]
    public int BilledSeconds { get; init; }

    /// <summary>The customer rate applied; null for calls that are not rated (on-net, inbound, unanswered).</summary>
    [Id(17)]
    public AppliedRate? Rate { get; init; }

    /// <summary>What the customer pays, EUR.</summary>
    [Id(18)]
    public decimal Cost { get; init; }

    /// <summary>The carrier's rate for the same destination, when the trunk has a cost plan that covers it.</summary>
    [Id(19)]
    public AppliedRate? CarrierRate { get; init; }

    /// <summary>What the carrier charges us for the call, EUR.</summary>
    [Id(20)]
    public decimal CarrierCost { get; init; }

    /// <summary>When the settlement was written; set by the store.</summary>
    [Id(21)]
    public DateTimeOffset? SettledAt { get; init; }

    /// <summary>When the caller first heard ringing (the first 180/183 relayed); null when it never rang. Not stored:
    /// it feeds the post-dial-delay statistics.</summary>
    [Id(22)]
    public DateTimeOffset? RingingAt { get; init; }

    /// <summary>INVITE to first ringing, or to answer when it never rang first; null when neither happened.</summary>
    public TimeSpan? PostDialDelay => (RingingAt ?? AnsweredAt) is { } heard ? heard - StartedAt : null;

    /// <summary>Wholesale margin: customer cost minus carrier cost.</summary>
    public decimal Margin => Cost - CarrierCost;

    /// <summary>Answered seconds, rounded up to the whole second (per-second billing).</summary>
    public int DurationSeconds => AnsweredAt is { } answered
        ? (int)Math.Ceiling(Math.Max(0, (EndedAt - answered).TotalSeconds))
        : 0;
}
