namespace Switchboard.Grains.Security;

/// <summary>
/// When a signalling source is banned (configuration section <c>Security</c>): <see cref="BanFailures"/> failed
/// authentications within <see cref="BanWindowSeconds"/> ban the address for <see cref="BanSeconds"/>. The defaults
/// (10 in 60 s → 15 min) let a phone with a mistyped password retry a few times and stop a scanner within seconds.
/// </summary>
public sealed class SourceBanOptions
{
    public const string SectionName = "Security";

    public int BanFailures { get; set; } = 10;

    public int BanWindowSeconds { get; set; } = 60;

    public int BanSeconds { get; set; } = 900;

    /// <summary>Bound on the addresses one shard counts failures for; past it the oldest counts are dropped, so a
    /// scanner spraying from many addresses cannot grow a shard's memory without limit.</summary>
    public int MaxTrackedSources { get; set; } = 50_000;

    /// <summary>Returns the first invalid setting, named by its configuration key, or null.</summary>
    public string? Validate() =>
        BanFailures is < 1 or > 10_000 ? Key(nameof(BanFailures)) + " must be between 1 and 10000"
        : BanWindowSeconds is < 1 or > 86_400 ? Key(nameof(BanWindowSeconds)) + " must be between 1 and 86400"
        : BanSeconds is < 1 or > 31_536_000 ? Key(nameof(BanSeconds)) + " must be between 1 and 31536000"
        : MaxTrackedSources is < 100 or > 10_000_000 ? Key(nameof(MaxTrackedSources)) + " must be between 100 and 10000000"
        : null;

    private static string Key(string name) => $"{SectionName}:{name}";
}
