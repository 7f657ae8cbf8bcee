using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>
/// A parsed <c>Digest</c> credentials value (RFC 3261 §25.1 <c>digest-response</c>, RFC 7616 §3.4). Values are
/// UTF-8 slices of the header value (unescaped copies only when a quoted-string held a quoted-pair), so parsing
/// allocates nothing in the common case; the caller decides what becomes a string.
/// </summary>
public readonly struct DigestCredentials
{
    internal DigestCredentials(
        ReadOnlyMemory<byte> username,
        ReadOnlyMemory<byte> realm,
        ReadOnlyMemory<byte> nonce,
        ReadOnlyMemory<byte> uri,
        ReadOnlyMemory<byte> response,
        ReadOnlyMemory<byte> cnonce,
        ReadOnlyMemory<byte> opaque,
        ReadOnlyMemory<byte> qop,
        ReadOnlyMemory<byte> nonceCountText,
        uint nonceCount,
        DigestAlgorithm algorithm)
    {
        Username = username;
        Realm = realm;
        Nonce = nonce;
        Uri = uri;
        Response = response;
        Cnonce = cnonce;
        Opaque = opaque;
        Qop = qop;
        NonceCountText = nonceCountText;
        NonceCount = nonceCount;
        Algorithm = algorithm;
    }

    /// <summary>The <c>username</c> directive, unquoted: look the HA1 up by this and <see cref="Realm"/>.</summary>
    public ReadOnlyMemory<byte> Username { get; }

    public ReadOnlyMemory<byte> Realm { get; }

    public ReadOnlyMemory<byte> Nonce { get; }

    /// <summary>The <c>uri</c> directive; the caller checks it names the Request-URI (RFC 2617 §3.2.2.5).</summary>
    public ReadOnlyMemory<byte> Uri { get; }

    /// <summary>The <c>response</c> directive as sent (hex).</summary>
    public ReadOnlyMemory<byte> Response { get; }

    /// <summary>The <c>cnonce</c> directive; empty when no qop was sent.</summary>
    public ReadOnlyMemory<byte> Cnonce { get; }

    /// <summary>The <c>opaque</c> directive; empty when absent. We issue none, so it is informational.</summary>
    public ReadOnlyMemory<byte> Opaque { get; }

    /// <summary>The <c>qop</c> directive; empty when absent.</summary>
    public ReadOnlyMemory<byte> Qop { get; }

    /// <summary>The <c>nc</c> directive exactly as sent (8 hex digits); it enters the response hash verbatim.</summary>
    public ReadOnlyMemory<byte> NonceCountText { get; }

    /// <summary>The <c>nc</c> value; 0 when no qop was sent.</summary>
    public uint NonceCount { get; }

    /// <summary>The <c>algorithm</c> directive; MD5 when absent (RFC 7616 §3.3). Pick the stored HA1 by this.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>Allocates the username as a string, for the HA1 look-up.</summary>
    public string GetUsername() => Encoding.UTF8.GetString(Username.Span);

    /// <summary>Allocates the realm as a string.</summary>
    public string GetRealm() => Encoding.UTF8.GetString(Realm.Span);

    /// <summary>Parses a UTF-8 Authorization or Proxy-Authorization value; see <see cref="DigestCredentialsParser"/>.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> value, out DigestCredentials credentials, out DigestVerifyOutcome failure)
        => DigestCredentialsParser.TryParse(value, out credentials, out failure);

    /// <summary>
    /// Parses a header value held in a span, e.g. from <c>SipMessage.TryGetHeader</c>. The value is copied once,
    /// because the credentials must outlive the message while the HA1 is looked up.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out DigestCredentials credentials, out DigestVerifyOutcome failure)
    {
        if (value.Length > DigestCredentialsParser.MaxValueLength)
        {
            credentials = default;
            failure = DigestVerifyOutcome.Malformed;
            return false;
        }

        return DigestCredentialsParser.TryParse(value.ToArray(), out credentials, out failure);
    }

    /// <summary>Parses a string header value (one UTF-8 copy).</summary>
    public static bool TryParse(string value, out DigestCredentials credentials, out DigestVerifyOutcome failure)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DigestCredentialsParser.TryParse(Encoding.UTF8.GetBytes(value), out credentials, out failure);
    }
}
