namespace Switchboard.Sip.Dns;

/// <summary>The order in which SRV targets are tried, as RFC 2782 ("Usage rules") prescribes.</summary>
public static class SrvOrdering
{
    /// <summary>
    /// Lowest priority first; within one priority a weighted random draw without replacement. <paramref name="draw"/>
    /// returns an integer in [0, max] inclusive, so tests can inject a seeded or scripted source.
    /// </summary>
    public static IReadOnlyList<SipSrvRecord> Order(IEnumerable<SipSrvRecord> records, Func<int, int> draw)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(draw);
        var ordered = new List<SipSrvRecord>();
        foreach (var group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            // RFC 2782: "arrange all SRV RRs (that have not been ordered yet) in any order, except that all those with
            // weight 0 are placed at the beginning of the list", then pick by running sum against a uniform number.
            var remaining = group.OrderBy(r => r.Weight == 0 ? 0 : 1).ToList();
            while (remaining.Count > 0)
            {
                var total = remaining.Sum(r => r.Weight);
                var pick = draw(total);
                var running = 0;
                var chosen = remaining.Count - 1;
                for (var i = 0; i < remaining.Count; i++)
                {
                    running += remaining[i].Weight;
                    if (running >= pick)
                    {
                        chosen = i;
                        break;
                    }
                }

                ordered.Add(remaining[chosen]);
                remaining.RemoveAt(chosen);
            }
        }

        return ordered;
    }

    /// <summary>The draw for <see cref="Order"/> from a <see cref="Random"/>: uniform over [0, max].</summary>
    public static Func<int, int> DrawFrom(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return max => random.Next(0, max + 1);
    }
}
