namespace Switchboard.Grains.Security;

/// <summary>A banned source address: since when, until when, and the failures that earned it.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.SourceBan")]
public sealed record SourceBan(
    [property: Id(0)] string Address,
    [property: Id(1)] DateTimeOffset BannedAt,
    [property: Id(2)] DateTimeOffset Until,
    [property: Id(3)] int Failures,
    [property: Id(4)] string LastReason);
