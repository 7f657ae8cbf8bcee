using System.Globalization;

namespace Switchboard.Silo.Api;

/// <summary>
/// Reads an ISO 8601 time from the query string. Bound by hand rather than as a DateTimeOffset parameter so that a
/// bad value is a 400 naming the field, not the framework's empty 400. A time without offset is UTC.
/// </summary>
public static class QueryTime
{
    public static DateTimeOffset? Read(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors.Add(field, "must be an ISO 8601 time such as 2026-03-01T10:00:00Z.");
        return null;
    }
}
