namespace Switchboard.Sip.Auth;

/// <summary>
/// Digest hash algorithms a SIP server may offer. RFC 8760 §2.2 adds SHA-256 to SIP digest; MD5 stays for
/// RFC 3261 §22.4 clients that know nothing else. The "-sess" variants and SHA-512-256 are not offered.
/// </summary>
public enum DigestAlgorithm
{
    /// <summary>MD5, the RFC 7616 §3.3 default when a client sends no algorithm parameter.</summary>
    Md5 = 0,

    /// <summary>SHA-256 (RFC 7616 §3.3, RFC 8760 §2.2).</summary>
    Sha256 = 1,
}
