namespace Switchboard.Edge.Calls;

/// <summary>
/// The callee legs of one call at this edge: one for most calls, a few when a call forks. A copy-on-write array,
/// read without a lock on every response and replaced a handful of times per call; a concurrent dictionary per call
/// cost about 700 bytes (buckets, locks, tables) for every call up, most of them with one leg.
/// </summary>
public sealed class CalleeLegSet
{
    private CalleeLeg[] _legs = [];

    /// <summary>The legs at this moment, in the order they started.</summary>
    public IReadOnlyList<CalleeLeg> Values => Volatile.Read(ref _legs);

    public CalleeLeg? Find(string legCallId)
    {
        foreach (var leg in Volatile.Read(ref _legs))
        {
            if (string.Equals(leg.LegCallId, legCallId, StringComparison.Ordinal))
            {
                return leg;
            }
        }

        return null;
    }

    /// <summary>Adds the leg, or replaces the one with its Call-ID.</summary>
    public void Set(CalleeLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        while (true)
        {
            var current = Volatile.Read(ref _legs);
            var at = Array.FindIndex(current, l => string.Equals(l.LegCallId, leg.LegCallId, StringComparison.Ordinal));
            CalleeLeg[] next;
            if (at >= 0)
            {
                next = (CalleeLeg[])current.Clone();
                next[at] = leg;
            }
            else
            {
                next = [.. current, leg];
            }

            if (Interlocked.CompareExchange(ref _legs, next, current) == current)
            {
                return;
            }
        }
    }

    public bool TryRemove(string legCallId)
    {
        while (true)
        {
            var current = Volatile.Read(ref _legs);
            var at = Array.FindIndex(current, l => string.Equals(l.LegCallId, legCallId, StringComparison.Ordinal));
            if (at < 0)
            {
                return false;
            }

            CalleeLeg[] next = [.. current.AsSpan(0, at), .. current.AsSpan(at + 1)];
            if (Interlocked.CompareExchange(ref _legs, next, current) == current)
            {
                return true;
            }
        }
    }
}
