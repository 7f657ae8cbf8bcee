namespace Switchboard.Sip.Dns;

/// <summary>How the RFC 3263 server locator talks to DNS; bound from the <c>Sip:Dns</c> configuration section.</summary>
public sealed class SipDnsOptions
{
    public const string SectionName = "Sip:Dns";

    /// <summary>
    /// Name servers to ask, each an IP address with an optional port (<c>192.0.2.53</c>, <c>127.0.0.1:5353</c>,
    /// <c>[2001:db8::53]:53</c>). Empty (the default) uses the system resolver's servers (/etc/resolv.conf).
    /// </summary>
    public List<string> NameServers { get; set; } = [];

    /// <summary>How long one query waits for an answer before it is retried or given up.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a query that timed out is sent again.</summary>
    public int Retries { get; set; } = 1;

    /// <summary>
    /// At most this many targets come back from one look-up: each is a transaction the caller may wait Timer B on,
    /// so a zone with dozens of records must not keep a call in failover for minutes.
    /// </summary>
    public int MaxTargets { get; set; } = 8;
}
