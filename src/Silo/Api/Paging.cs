using System.Globalization;

namespace Switchboard.Silo.Api;

/// <summary>limit/offset query values shared by the list endpoints, checked before any store is asked.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static Paging Read(FieldErrors errors, int? limit, int? offset)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be from 1 to {MaxLimit}.");
        }

        if (offset is < 0)
        {
            errors.Add("offset", "must be zero or more.");
        }

        return new Paging(limit ?? DefaultLimit, offset ?? 0);
    }

    /// <summary>The page, with the next offset when this page is full (there may be more).</summary>
    public Page<T> PageOf<T>(IReadOnlyList<T> items) =>
        new(items, items.Count == Limit ? (Offset + Limit).ToString(CultureInfo.InvariantCulture) : null);
}
