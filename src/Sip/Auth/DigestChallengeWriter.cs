using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>Formats WWW-Authenticate / Proxy-Authenticate values (RFC 3261 §25.1 <c>challenge</c>, RFC 7616 §3.3).</summary>
internal static class DigestChallengeWriter
{
    public static string Write(string realm, string nonce, DigestAlgorithm algorithm, bool stale)
    {
        var builder = new StringBuilder(96 + realm.Length + nonce.Length);
        builder.Append("Digest realm=");
        AppendQuoted(builder, realm);
        builder.Append(", nonce=\"").Append(nonce).Append('"');
        builder.Append(", algorithm=").Append(DigestHasher.Token(algorithm));

        // RFC 3261 §22.4: servers MUST always send qop; we support only "auth" (no auth-int body hashing).
        builder.Append(", qop=\"auth\"");
        if (stale)
        {
            // RFC 7616 §3.3: the previous nonce was valid but old; the client retries with the same credentials.
            builder.Append(", stale=TRUE");
        }

        return builder.ToString();
    }

    /// <summary>quoted-string with quoted-pair for '"' and '\' (RFC 3261 §25.1).</summary>
    internal static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }
}
