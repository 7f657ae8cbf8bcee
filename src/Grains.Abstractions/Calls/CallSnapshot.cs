using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>A read-only view of a call for the admin API and tests.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallSnapshot")]
public sealed record CallSnapshot(
    [property: Id(0)] string CallId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] CallState State,
    [property: Id(3)] CallDirection Direction,
    [property: Id(4)] string Caller,
    [property: Id(5)] string Callee,
    [property: Id(6)] string? AccountId,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset? AnsweredAt,
    [property: Id(9)] DateTimeOffset? EndedAt,
    [property: Id(10)] int FinalStatus,
    [property: Id(11)] CallDisposition? Disposition,
    [property: Id(12)] bool Settled,
    [property: Id(13)] IReadOnlyList<LegDialog> Legs,
    [property: Id(14)] string EndReason);
