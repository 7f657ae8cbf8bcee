using System.Collections.Concurrent;
using Switchboard.Grains.Extensions;

namespace Switchboard.Edge.Auth;

/// <summary>
/// The digest algorithms of each extension, remembered for <see cref="Lifetime"/>, so the challenge that starts
/// nearly every call and registration costs no grain call in the steady state (the trade the directory cache
/// makes too: a policy change reaches an edge within seconds, not at once). Bounded by <see cref="Capacity"/>:
/// when full it starts over rather than tracking the age of every entry, so a scanner cannot grow it.
/// </summary>
public sealed class DigestPolicyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (IReadOnlyList<DigestAlgorithm> Algorithms, DateTimeOffset Expires)> _entries =
        new(StringComparer.Ordinal);

    /// <summary>The cached list for <paramref name="extensionKey"/>, or what <paramref name="load"/> returns (then cached).</summary>
    public async Task<IReadOnlyList<DigestAlgorithm>> GetAsync(string extensionKey, Func<Task<IReadOnlyList<DigestAlgorithm>>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(extensionKey, out var entry) && now < entry.Expires)
        {
            return entry.Algorithms;
        }

        var algorithms = await load();
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[extensionKey] = (algorithms, now + Lifetime);
        return algorithms;
    }
}
