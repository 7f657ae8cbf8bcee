namespace Switchboard.Grains.Edges;

/// <summary>An edge's liveness as its registry sees it; <see cref="LastSeen"/> is its last subscription refresh.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.EdgeStatus")]
public sealed record EdgeStatus(
    [property: Id(0)] bool Alive,
    [property: Id(1)] DateTimeOffset LastSeen);
