namespace Switchboard.Grains.Indexing;

/// <summary>
/// A persisted index's ids as an ordinal-sorted list: membership by binary search and offset paging without
/// re-sorting, and a stable order so that page N today is page N tomorrow unless ids were added before it.
/// </summary>
public static class SortedIds
{
    /// <summary>A copy of <paramref name="ids"/> with <paramref name="id"/>, or null when it is already there.</summary>
    public static List<string>? With(List<string> ids, string id)
    {
        var at = ids.BinarySearch(id, StringComparer.Ordinal);
        if (at >= 0)
        {
            return null;
        }

        var copy = new List<string>(ids.Count + 1);
        copy.AddRange(ids);
        copy.Insert(~at, id);
        return copy;
    }

    /// <summary>A copy of <paramref name="ids"/> without <paramref name="id"/>, or null when it is not there.</summary>
    public static List<string>? Without(List<string> ids, string id)
    {
        var at = ids.BinarySearch(id, StringComparer.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var copy = new List<string>(ids);
        copy.RemoveAt(at);
        return copy;
    }

    /// <summary>Up to <paramref name="limit"/> ids after the first <paramref name="offset"/>; out-of-range values give an empty page.</summary>
    public static IReadOnlyList<string> Page(List<string> ids, int offset, int limit)
    {
        if (offset < 0 || limit <= 0 || offset >= ids.Count)
        {
            return [];
        }

        return ids.GetRange(offset, Math.Min(limit, ids.Count - offset));
    }
}
