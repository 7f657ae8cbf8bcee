namespace Switchboard.Edge.Hosting;

/// <summary>
/// Configuration section <c>Security</c>, the edge's part: how often it copies the cluster's ban list, which
/// User-Agents it drops unanswered, and which sources are never banned. When a source is banned
/// (<c>Security:BanFailures</c>, <c>BanWindowSeconds</c>, <c>BanSeconds</c>) is the cluster's part of the section.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Substrings of the User-Agent header of known SIP scanners (SIPVicious and its forks, sipcli, VaxSIPUserAgent,
    /// sundayddr, iWar, SIVuS…), matched ignoring ASCII case. Requests carrying one are dropped without an answer.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultScannerUserAgents =
    [
        "friendly-scanner", "sipvicious", "sipcli", "VaxSIPUserAgent", "sundayddr", "iWar", "SIVuS", "pplsip",
    ];

    /// <summary>How often the edge asks the cluster for changes to the ban list (a ban this edge issued applies at once).</summary>
    public int BanPollMilliseconds { get; set; } = 2000;

    /// <summary>Scanner User-Agent substrings; null keeps <see cref="DefaultScannerUserAgents"/>, an empty list turns the filter off.</summary>
    public List<string>? ScannerUserAgents { get; set; }

    /// <summary>
    /// Addresses or networks in CIDR notation (<c>203.0.113.0/24</c>) never counted or banned: a carrier, an office
    /// NAT with many phones, a monitoring probe. Empty by default.
    /// </summary>
    public List<string> BanExempt { get; set; } = [];

    public IReadOnlyList<string> EffectiveScannerUserAgents => ScannerUserAgents ?? DefaultScannerUserAgents;
}
