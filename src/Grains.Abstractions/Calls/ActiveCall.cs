using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>One line of the active-calls list (admin API, dashboard). <see cref="SeenAt"/> is the last refresh.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ActiveCall")]
public sealed record ActiveCall(
    [property: Id(0)] string CallId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] CallState State,
    [property: Id(3)] CallDirection Direction,
    [property: Id(4)] string Caller,
    [property: Id(5)] string Callee,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? AnsweredAt,
    [property: Id(8)] DateTimeOffset SeenAt);
