namespace Switchboard.Grains.Rating;

/// <summary>
/// An immutable rate deck indexed for longest-prefix match on E.164 digits. The index is a digit trie laid out in
/// flat arrays (ten child slots per node, entry chains per node for dated rates), so a lookup is one array read per
/// digit with no allocation and no hashing: a 15-digit number costs at most 15 steps whatever the deck size.
/// Build it with <see cref="Create"/>; share it freely between threads.
/// </summary>
public sealed class RateDeck
{
    private const int NoNode = 0;
    private const int NoEntry = -1;

    private readonly int[] _children;   // node * 10 + digit → child node; 0 means none (the root is never a child)
    private readonly int[] _firstEntry; // node → first entry index for exactly this prefix, or -1
    private readonly int[] _nextEntry;  // entry → next entry with the same prefix (other effective window), or -1
    private readonly long[] _fromTicks; // entry → EffectiveFrom in UTC ticks
    private readonly long[] _toTicks;   // entry → EffectiveTo in UTC ticks, long.MaxValue when open-ended
    private readonly RateEntry[] _entries;

    private RateDeck(int[] children, int[] firstEntry, RateEntry[] entries, int[] nextEntry)
    {
        _children = children;
        _firstEntry = firstEntry;
        _entries = entries;
        _nextEntry = nextEntry;
        _fromTicks = new long[entries.Length];
        _toTicks = new long[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            _fromTicks[i] = entries[i].EffectiveFrom.UtcTicks;
            _toTicks[i] = entries[i].EffectiveTo?.UtcTicks ?? long.MaxValue;
        }
    }

    public static RateDeck Empty { get; } = Create([]);

    /// <summary>The rows the deck was built from, in their original order (for CSV export and listing).</summary>
    public IReadOnlyList<RateEntry> Entries => _entries;

    public int NodeCount => _firstEntry.Length;

    /// <summary>
    /// The rate with the longest prefix of <paramref name="number"/> that is effective at <paramref name="at"/>, or
    /// null. A prefix whose rows are all outside their window falls back to the next shorter prefix. Characters other
    /// than digits end the walk (callers validate numbers first).
    /// </summary>
    public RateEntry? Match(ReadOnlySpan<char> number, DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        var node = 0;
        var best = EffectiveAt(node, ticks);
        foreach (var c in number)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                break;
            }

            node = _children[(node * 10) + digit];
            if (node == NoNode)
            {
                break;
            }

            var found = EffectiveAt(node, ticks);
            if (found != NoEntry)
            {
                best = found;
            }
        }

        return best == NoEntry ? null : _entries[best];
    }

    private int EffectiveAt(int node, long ticks)
    {
        for (var e = _firstEntry[node]; e != NoEntry; e = _nextEntry[e])
        {
            if (_fromTicks[e] <= ticks && ticks < _toTicks[e])
            {
                return e;
            }
        }

        return NoEntry;
    }

    /// <summary>Indexes <paramref name="entries"/>. Prefixes must be digits only (the CSV reader guarantees it).</summary>
    public static RateDeck Create(IReadOnlyList<RateEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var capacity = Math.Max(16, entries.Count * 2);
        var children = new int[capacity * 10];
        var firstEntry = new int[capacity];
        Array.Fill(firstEntry, NoEntry);
        var nextEntry = new int[entries.Count];
        var nodes = 1;

        for (var i = 0; i < entries.Count; i++)
        {
            var node = 0;
            foreach (var c in entries[i].Prefix)
            {
                var digit = c - '0';
                if ((uint)digit > 9)
                {
                    throw new ArgumentException($"Prefix '{entries[i].Prefix}' is not all digits", nameof(entries));
                }

                var slot = (node * 10) + digit;
                if (children[slot] == NoNode)
                {
                    if (nodes == firstEntry.Length)
                    {
                        Array.Resize(ref children, children.Length * 2);
                        var grown = firstEntry.Length * 2;
                        Array.Resize(ref firstEntry, grown);
                        Array.Fill(firstEntry, NoEntry, nodes, grown - nodes);
                    }

                    children[slot] = nodes++;
                }

                node = children[slot];
            }

            // Prepend: entries of one prefix are few (dated price changes); order does not matter for the match.
            nextEntry[i] = firstEntry[node];
            firstEntry[node] = i;
        }

        Array.Resize(ref children, nodes * 10);
        Array.Resize(ref firstEntry, nodes);
        return new RateDeck(children, firstEntry, [.. entries], nextEntry);
    }
}
