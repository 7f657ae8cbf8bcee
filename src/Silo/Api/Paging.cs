using System.Globalization;

namespace Switchboard.Silo.Api;

/// <summary>
/// limit/offset query values shared by the list endpoints, checked before any store is asked. Bound as strings so
/// that "limit=abc" is a 400 naming the field, not the framework's empty 400.
/// </summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static Paging Read(FieldErrors errors, string? limit, string? offset)
    {
        var take = Number(errors, "limit", limit, DefaultLimit, 1, MaxLimit);
        var skip = Number(errors, "offset", offset, 0, 0, int.MaxValue);
        return new Paging(take, skip);
    }

    /// <summary>The page, with the next offset when this page is full (there may be more).</summary>
    public Page<T> PageOf<T>(IReadOnlyList<T> items) =>
        new(items, items.Count == Limit ? (Offset + Limit).ToString(CultureInfo.InvariantCulture) : null);

    internal static int Number(FieldErrors errors, string field, string? value, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors.Add(field, max == int.MaxValue ? $"must be a whole number of at least {min}." : $"must be a whole number from {min} to {max}.");
        return fallback;
    }
}
