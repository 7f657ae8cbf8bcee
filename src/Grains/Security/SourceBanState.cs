namespace Switchboard.Grains.Security;

/// <summary>A ban-list shard's stored state: only the bans; failure counts are a brake kept in memory.</summary>
[GenerateSerializer, Alias("Switchboard.SourceBanState")]
public sealed class SourceBanState
{
    [Id(0)]
    public List<SourceBan> Bans { get; set; } = [];
}
