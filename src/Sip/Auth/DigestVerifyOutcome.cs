namespace Switchboard.Sip.Auth;

/// <summary>Why a <c>Digest</c> Authorization or Proxy-Authorization value was or was not accepted.</summary>
public enum DigestVerifyOutcome
{
    /// <summary>The credentials prove knowledge of the HA1 and the nonce/nonce-count pair is fresh.</summary>
    Ok = 0,

    /// <summary>
    /// The response was correct but the nonce is too old, no longer tracked for replay protection, or issued by
    /// another edge (which alone tracks its nonce-counts): challenge again with <c>stale=true</c> so the client
    /// retries without asking the user (RFC 7616 §3.3).
    /// </summary>
    Stale,

    /// <summary>The response hash does not match: wrong password, or a tampered message.</summary>
    BadResponse,

    /// <summary>The value is not a well-formed digest-response (RFC 3261 §25.1, RFC 7616 §3.4).</summary>
    Malformed,

    /// <summary>The nonce-count was already seen for this nonce on this edge (RFC 7616 §3.4).</summary>
    Replay,

    /// <summary>The algorithm parameter names an algorithm this server does not offer.</summary>
    UnknownAlgorithm,

    /// <summary>The realm in the credentials is not the realm the request was challenged for.</summary>
    RealmMismatch,

    /// <summary>The nonce was not issued by any edge holding the cluster secret, or was issued for another realm.</summary>
    InvalidNonce,

    /// <summary>The client sent no qop or a qop other than <c>auth</c>; we always challenge with qop="auth" (RFC 3261 §22.4).</summary>
    UnsupportedQop,

    /// <summary>
    /// The <c>uri</c> directive does not name the Request-URI (RFC 3261 §22.4, RFC 7616 §3.4.6): answer 400, as
    /// RFC 2617 §3.2.2.5 says, without counting it against the extension (the password was not tried).
    /// </summary>
    UriMismatch,
}
