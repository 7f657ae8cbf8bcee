namespace Switchboard.Sip.Auth;

/// <summary>Digest authentication settings, bound from the <c>Sip</c> configuration section.</summary>
public sealed class DigestAuthOptions
{
    public const string SectionName = "Sip";

    /// <summary>
    /// Base64 of at least 16 random bytes, identical on every edge of the cluster so each edge tells the nonces the
    /// others issued from forged ones (RFC 7616 §3.3 leaves the nonce format to the server). Required; the embedded silo
    /// generates one per process. Never logged. The rule is <see cref="DigestAuthOptionsValidator"/>'s.
    /// </summary>
    public string? NonceSecret { get; set; }

    /// <summary>How long a nonce is accepted before the answer becomes <c>stale=true</c>.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a nonce's timestamp may be, for edges whose clocks drift apart.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Names the edge that issues nonces (the edge defaults it to its edge id, else host and SIP port): a nonce is
    /// accepted only where it was issued, because only there are its nonce-counts known; another edge answers it
    /// with <c>stale=true</c>.
    /// Edges given the same name accept each other's nonces (for a load balancer without source affinity, at the
    /// cost of cross-edge replay protection). Null: no name (a single edge, or the library on its own).
    /// </summary>
    public string? NonceIssuer { get; set; }

    /// <summary>Upper bound on nonces whose nonce-counts this edge remembers for replay protection.</summary>
    public int MaxTrackedNonces { get; set; } = 100_000;
}
