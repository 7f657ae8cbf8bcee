namespace Switchboard.Grains.Billing;

/// <summary>Real-time billing knobs (configuration section <c>Billing</c>).</summary>
public sealed class BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>
    /// Answered time each reservation slice covers. Shorter slices tie up less of a shared balance per call; longer
    /// ones mean fewer grain calls. 60 s matches the common 60/60 increment.
    /// </summary>
    public int SliceSeconds { get; set; } = 60;

    /// <summary>Hard cap on any call's answered duration, and the reservation of calls that cost nothing.</summary>
    public int MaxCallSeconds { get; set; } = 4 * 3600;

    /// <summary>How long a silo trusts its cached rate deck before asking the store whether a newer version exists.</summary>
    public TimeSpan RateDeckRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an account grain trusts its cached balance before reading it again. Writes made through the grain
    /// refresh it at once; this bounds staleness from writes made elsewhere (another activation during a failover).
    /// </summary>
    public TimeSpan BalanceRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A reservation neither extended nor settled for this long is released. It must exceed the longest ringing time
    /// plus one slice: live calls extend every slice, ringing calls do not extend at all.
    /// </summary>
    public TimeSpan StaleReservationAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Returns the first invalid setting, named by its configuration key, or null.</summary>
    public string? Validate() =>
        SliceSeconds is < 1 or > 3600 ? $"{SectionName}:{nameof(SliceSeconds)} must be between 1 and 3600"
        : MaxCallSeconds < SliceSeconds ? $"{SectionName}:{nameof(MaxCallSeconds)} must be at least {nameof(SliceSeconds)}"
        : RateDeckRefresh <= TimeSpan.Zero ? $"{SectionName}:{nameof(RateDeckRefresh)} must be positive"
        : StaleReservationAfter <= TimeSpan.FromSeconds(SliceSeconds) ? $"{SectionName}:{nameof(StaleReservationAfter)} must be longer than a slice"
        : BalanceRefresh < TimeSpan.Zero ? $"{SectionName}:{nameof(BalanceRefresh)} cannot be negative"
        : null;
}
