namespace Switchboard.Silo.Api;

/// <summary>A [from, to) query range: both optional ISO 8601 times, from before to when both are given.</summary>
public static class TimeRange
{
    public static (DateTimeOffset? From, DateTimeOffset? To) Read(FieldErrors errors, string? from, string? to)
    {
        var start = QueryTime.Read(errors, "from", from);
        var end = QueryTime.Read(errors, "to", to);
        if (start is { } f && end is { } t && f >= t)
        {
            errors.Add("to", "must be after 'from'.");
        }

        return (start, end);
    }
}
