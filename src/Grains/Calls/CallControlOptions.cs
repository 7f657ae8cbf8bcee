namespace Switchboard.Grains.Calls;

/// <summary>Call-control timing knobs (configuration section <c>CallControl</c>). Ring timeout and maximum call
/// length are tenant policies; these are protocol and cluster timings.</summary>
public sealed class CallControlOptions
{
    public const string SectionName = "CallControl";

    /// <summary>How long an answered call waits for the caller's ACK: 64·T1 = 32 s (RFC 3261 §13.3.1.4).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>How long the grain waits for edges to confirm they ended the legs before it ends the call itself.</summary>
    public TimeSpan HangupConfirmTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long before the reserved answered time runs out the next slice is requested.</summary>
    public TimeSpan BillingLead { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First settlement retry delay; doubles per attempt up to <see cref="SettlementRetryMax"/>.</summary>
    public TimeSpan SettlementRetryMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SettlementRetryMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the directory's stateless workers trust a cached lookup.</summary>
    public TimeSpan DirectoryCacheTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often edges must re-subscribe their observer; a subscription expires after five periods, and then the
    /// edge counts as lost: its calls are ended and billed up to its last refresh.
    /// </summary>
    public TimeSpan EdgeRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Five missed refreshes: short enough to end a dead edge's calls within seconds, long enough that a GC
    /// pause or a busy moment on the edge is not taken for its death.</summary>
    public TimeSpan EdgeExpiry => EdgeRefresh * 5;

    /// <summary>Returns the first invalid setting, named by its configuration key, or null.</summary>
    public string? Validate() =>
        AckTimeout <= TimeSpan.Zero ? Key(nameof(AckTimeout)) + " must be positive"
        : HangupConfirmTimeout <= TimeSpan.Zero ? Key(nameof(HangupConfirmTimeout)) + " must be positive"
        : BillingLead < TimeSpan.Zero ? Key(nameof(BillingLead)) + " must not be negative"
        : SettlementRetryMin <= TimeSpan.Zero ? Key(nameof(SettlementRetryMin)) + " must be positive"
        : SettlementRetryMax < SettlementRetryMin ? Key(nameof(SettlementRetryMax)) + " must be at least SettlementRetryMin"
        : DirectoryCacheTime < TimeSpan.Zero ? Key(nameof(DirectoryCacheTime)) + " must not be negative"
        : EdgeRefresh <= TimeSpan.Zero ? Key(nameof(EdgeRefresh)) + " must be positive"
        : null;

    private static string Key(string name) => $"{SectionName}:{name}";
}
