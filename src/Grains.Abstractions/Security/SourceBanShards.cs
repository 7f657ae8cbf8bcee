namespace Switchboard.Grains.Security;

/// <summary>
/// Which <see cref="ISourceBanGrain"/> holds an address. A fixed number of shards keeps the edges' poll to a few
/// calls a second whatever the number of bans, while a scanner spraying from many addresses spreads over silos.
/// </summary>
public static class SourceBanShards
{
    public const int Count = 8;

    /// <summary>
    /// The shard of <paramref name="address"/> (its canonical text, e.g. <c>192.0.2.7</c>). FNV-1a, not
    /// <see cref="string.GetHashCode()"/>, which differs between processes: every edge and silo must agree.
    /// </summary>
    public static int For(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var hash = 2166136261u;
        foreach (var c in address)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
