using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The legs the reporting edge must end itself (those it owns, plus orphans whose owning edge is gone), each
/// with its dialog and pre-allocated CSeq. Legs owned by other live edges were sent to them as an
/// <see cref="EdgeCommand"/>. Empty when nothing is left to end (duplicate BYE, call already over).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.HangupVerdict")]
public sealed record HangupVerdict(
    [property: Id(0)] CallState State,
    [property: Id(1)] IReadOnlyList<LegTermination> Terminate);
