namespace Switchboard.Edge.Hosting;

/// <summary>Configuration section <c>Sip</c>: where the edge listens and how it speaks SIP.</summary>
public sealed class SipOptions
{
    public const string SectionName = "Sip";

    /// <summary>Address the UDP, TCP and TLS listeners bind to; also used in Via and Contact headers.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>UDP and TCP port (RFC 3261 §19.1.2 default 5060).</summary>
    public int Port { get; set; } = 5060;

    /// <summary>TLS port; 0 turns TLS off.</summary>
    public int TlsPort { get; set; }

    /// <summary>Identifies this edge to the grains (observer registry, dialog ownership). Default: machine and port.</summary>
    public string? EdgeId { get; set; }

    /// <summary>How long a callee may ring before the caller gets 480 Temporarily Unavailable.</summary>
    public int RingTimeoutSeconds { get; set; } = 45;

    /// <summary>On SIGTERM, how long calls in progress may continue before the edge exits.</summary>
    public int DrainSeconds { get; set; } = 30;

    /// <summary>How long a cluster call may take on the signalling path before the request gets 503.</summary>
    public int ClusterTimeoutMilliseconds { get; set; } = 2000;

    /// <summary>Retry-After value (RFC 3261 §20.33) sent with 503 while the cluster is unreachable or the edge is overloaded.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Initial INVITEs the edge works on at once before it answers further ones 503 (<c>Calls.SetupAdmission</c>);
    /// 0, the default, admits every call: past saturation a limit keeps the admitted calls quick but, measured,
    /// completes fewer of the offered ones (docs/benchmarks.md).
    /// </summary>
    public int MaxCallsInSetup { get; set; }

    /// <summary>
    /// How often each edge pings the carrier servers it sends trunk legs to with OPTIONS (RFC 3261 §11), so a silent
    /// one is skipped within seconds instead of costing each call Timer B (32 s). 0 turns pinging off.
    /// </summary>
    public int TrunkPingSeconds { get; set; } = 10;

    /// <summary>
    /// Whether Information-level log lines show callers', callees' and registering users' numbers and SIP Call-IDs in
    /// full. Off by default: they show at most four leading characters (<see cref="Grains.Observability.NumberMask"/>),
    /// as the privacy policy keeps numbers and phones' addresses out of logs that are kept 90 days; turn on only to
    /// chase a problem, and off again. The silo's grains read the same key (<c>LogRedactionOptions</c>).
    /// </summary>
    public bool LogNumbers { get; set; }

    /// <summary>How long a ping waits for its answer before the server counts as down.</summary>
    public int TrunkPingTimeoutMilliseconds { get; set; } = 2000;

    // Sip:NonceSecret (and the other digest nonce settings) belong to the SIP library's DigestAuthOptions, whose
    // validator states the rule once. Sip:Md5ChallengeFirst and Sip:OfferMd5 are gone: which algorithms a challenge
    // offers, and in what order, is the tenant's or the extension's digest policy. A deployment that still sets them
    // is unaffected: configuration binding ignores keys no option has.

    /// <summary>The edge id actually used: configured, or host name and SIP port.</summary>
    // Grain keys must start with a letter (docs/architecture.md) and host names may start with a digit, hence the prefix.
    public string ResolveEdgeId() => string.IsNullOrWhiteSpace(EdgeId) ? $"edge-{Environment.MachineName.ToLowerInvariant()}-{Port}" : EdgeId;
}
