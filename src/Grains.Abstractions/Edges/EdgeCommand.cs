namespace Switchboard.Grains.Edges;

/// <summary>
/// A call grain's order to an edge: end these legs of this call. The edge reports each leg it has ended with
/// <c>ICallGrain.LegEnded</c>; that report is the confirmation the call grain waits for.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.EdgeCommand")]
public sealed record EdgeCommand(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyList<LegTermination> Legs,
    [property: Id(3)] DateTimeOffset IssuedAt);
