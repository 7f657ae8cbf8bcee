using Switchboard.Grains.Billing;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The call grain's answer to <see cref="ICallGrain.Start"/>. When <see cref="Accepted"/> is false the edge
/// answers the caller with <see cref="Status"/> and <see cref="Reason"/> (404, 480, 402/403 from billing, ...)
/// and the call is already settled. Otherwise the edge sends 100 Trying and starts callee legs towards
/// <see cref="Targets"/>: all at once for <see cref="ForkStrategy.Parallel"/>, the first only for
/// <see cref="ForkStrategy.Sequential"/> (the grain names the next one on failure).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallDecision")]
public sealed record CallDecision(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] int Status,
    [property: Id(2)] string Reason,
    [property: Id(3)] CallDirection Direction,
    [property: Id(4)] ForkStrategy Strategy,
    [property: Id(5)] IReadOnlyList<CallTarget> Targets,
    [property: Id(6)] TimeSpan RingTimeout,
    [property: Id(7)] bool RelayMedia)
{
    public static CallDecision Reject(int status, string reason, CallDirection direction) =>
        new(false, status, reason, direction, ForkStrategy.Parallel, [], TimeSpan.Zero, false);
}
