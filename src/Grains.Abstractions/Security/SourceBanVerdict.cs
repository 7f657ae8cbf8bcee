namespace Switchboard.Grains.Security;

/// <summary>
/// The answer to a reported failure: the ban, if the address is banned, and whether this very failure issued it
/// (exactly one report per ban says so, which is what the edges count as "bans issued").
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.SourceBanVerdict")]
public sealed record SourceBanVerdict(
    [property: Id(0)] int RecentFailures,
    [property: Id(1)] SourceBan? Ban,
    [property: Id(2)] bool Issued);
