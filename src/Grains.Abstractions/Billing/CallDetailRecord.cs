namespace Switchboard.Grains.Billing;

/// <summary>
/// The call record settled exactly once per <see cref="CallId"/>. Times are UTC. Cost fields are filled by the
/// account at settlement (the caller passes zero); <see cref="CarrierCost"/> is what the carrier charges us.
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
    /// <summary>Answered seconds, rounded up to the whole second (per-second billing).</summary>
    public int DurationSeconds => AnsweredAt is { } answered
        ? (int)Math.Ceiling(Math.Max(0, (EndedAt - answered).TotalSeconds))
        : 0;
}
