namespace Switchboard.Sip.Auth;

/// <summary>What a presented nonce turned out to be.</summary>
internal enum DigestNonceStatus
{
    /// <summary>Issued by an edge holding the cluster secret, for this realm, and within its lifetime.</summary>
    Valid,

    /// <summary>Authentic but older than the nonce lifetime: worth a <c>stale=true</c> challenge.</summary>
    Expired,

    /// <summary>
    /// Authentic and fresh, but issued by another edge, which alone knows its used nonce-counts: worth a
    /// <c>stale=true</c> challenge of our own, so a phone that moved edges retries once and a replay gets nowhere.
    /// </summary>
    Foreign,

    /// <summary>Not ours: bad encoding, bad MAC, other realm, or dated in the future beyond the allowed skew.</summary>
    Invalid,
}
