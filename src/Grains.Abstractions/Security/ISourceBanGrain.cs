namespace Switchboard.Grains.Security;

/// <summary>
/// One shard of the cluster's ban list of signalling sources (fail2ban-style, like Kamailio's pike/htable), keyed by
/// <see cref="SourceBanShards.For"/> of the source IP address. Edges report every failed digest authentication here
/// (wrong password, unknown user or domain); enough failures from one address within the window ban it for a period.
/// Edges poll <see cref="GetBans"/> and drop banned sources themselves, so the hot path asks no grain.
/// </summary>
[Alias("Switchboard.ISourceBanGrain")]
public interface ISourceBanGrain : IGrainWithIntegerKey
{
    /// <summary>Counts one failure from <paramref name="address"/>; returns the ban when the address is (now) banned.</summary>
    [Alias("ReportFailure")]
    Task<SourceBanVerdict> ReportFailure(string address, string reason);

    /// <summary>
    /// The shard's active bans, or <see cref="SourceBanList.Bans"/> null when <paramref name="knownVersion"/> is still
    /// current (the usual answer to an edge's poll: nothing to copy).
    /// </summary>
    [Alias("GetBans"), Orleans.Concurrency.ReadOnly]
    Task<SourceBanList> GetBans(long knownVersion);

    /// <summary>Lifts the ban on <paramref name="address"/> and forgets its failures; false when it was not banned.</summary>
    [Alias("Lift")]
    Task<bool> Lift(string address);
}
