namespace Switchboard.Grains.Routing;

/// <summary>A header field the grain wants on a leg's INVITE (name and value as they go on the wire).</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LegHeader")]
public sealed record LegHeader(
    [property: Id(0)] string Name,
    [property: Id(1)] string Value);
