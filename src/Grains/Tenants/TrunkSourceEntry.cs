namespace Switchboard.Grains.Tenants;

/// <summary>One inbound source range of a trunk, as the trunk-source index stores it.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.Grains.TrunkSourceEntry")]
public sealed record TrunkSourceEntry(
    [property: Id(0)] string TrunkId,
    [property: Id(1)] string Range);
