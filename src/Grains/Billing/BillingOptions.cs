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
    /// How often each silo renews, in one message per account, the leases of the calls it runs (and refreshes their
    /// active-call lines).
    /// </summary>
    public TimeSpan LeaseRenewPeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A lease not renewed for this long belongs to a call lost with its silo: the account releases its reservation
    /// and, if it was answered, bills it up to its last renewal. Several renew periods, so one slow renewal is not a loss.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Returns the first invalid setting, named by its configuration key, or null.</summary>
    public string? Validate() =>
        SliceSeconds is < 1 or > 3600 ? $"{SectionName}:{nameof(SliceSeconds)} must be between 1 and 3600"
        : MaxCallSeconds < SliceSeconds ? $"{SectionName}:{nameof(MaxCallSeconds)} must be at least {nameof(SliceSeconds)}"
        : RateDeckRefresh <= TimeSpan.Zero ? $"{SectionName}:{nameof(RateDeckRefresh)} must be positive"
        : LeaseRenewPeriod <= TimeSpan.Zero ? $"{SectionName}:{nameof(LeaseRenewPeriod)} must be positive"
        : LeaseTime < LeaseRenewPeriod * 2 ? $"{SectionName}:{nameof(LeaseTime)} must be at least two {nameof(LeaseRenewPeriod)}s"
        : BalanceRefresh < TimeSpan.Zero ? $"{SectionName}:{nameof(BalanceRefresh)} cannot be negative"
        : null;
}
