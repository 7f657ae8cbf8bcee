namespace Switchboard.Grains.Security;

/// <summary>
/// One shard's active bans at <see cref="Version"/>; <see cref="Bans"/> is null when the caller's version is current.
/// Versions start from the activation time, so a reactivated shard never repeats a version an edge already holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.SourceBanList")]
public sealed record SourceBanList(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<SourceBan>? Bans);
