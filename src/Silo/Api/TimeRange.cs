namespace Switchboard.Silo.Api;

/// <summary>A [from, to) query range: both optional, from before to when both are given.</summary>
public static class TimeRange
{
    public static void Check(FieldErrors errors, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            errors.Add("to", "must be after 'from'.");
        }
    }
}
