using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>
/// A server's <c>Digest</c> challenge as a client reads it (RFC 3261 §25.1 <c>challenge</c>, RFC 7616 §3.3): what
/// <see cref="DigestClient"/> needs to answer it. Parsed with the same lexer as the server's credentials.
/// </summary>
public sealed record DigestChallenge(string Realm, string Nonce, DigestAlgorithm Algorithm, bool OffersQopAuth, string? Opaque, bool Stale)
{
    /// <summary>
    /// Reads a WWW-Authenticate or Proxy-Authenticate value. False for another scheme, bad syntax, a missing realm
    /// or nonce, a repeated directive, or an algorithm we cannot compute (SHA-512-256, the -sess variants).
    /// </summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out DigestChallenge? challenge)
    {
        ArgumentNullException.ThrowIfNull(value);
        challenge = null;
        if (value.Length > DigestCredentialsParser.MaxValueLength || !DigestParameterReader.TryStart(Encoding.UTF8.GetBytes(value), out var reader))
        {
            return false;
        }

        string? realm = null, nonce = null, opaque = null;
        ReadOnlyMemory<byte> algorithm = default, qop = default, stale = default;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.TryRead(out var name, out var parameter))
        {
            var key = Encoding.ASCII.GetString(name.Span);
            if (!seen.Add(key))
            {
                // RFC 7616 §3.3: each directive at most once; a repeat is ambiguous.
                return false;
            }

            switch (key.ToLowerInvariant())
            {
                case "realm": realm = Encoding.UTF8.GetString(parameter.Span); break;
                case "nonce": nonce = Encoding.UTF8.GetString(parameter.Span); break;
                case "opaque": opaque = Encoding.UTF8.GetString(parameter.Span); break;
                case "algorithm": algorithm = parameter; break;
                case "qop": qop = parameter; break;
                case "stale": stale = parameter; break;
            }
        }

        // RFC 7616 §3.3: absent algorithm means MD5.
        var parsedAlgorithm = DigestAlgorithm.Md5;
        if (reader.IsMalformed || realm is null || string.IsNullOrEmpty(nonce)
            || (!algorithm.IsEmpty && !DigestHasher.TryParseToken(algorithm.Span, out parsedAlgorithm)))
        {
            return false;
        }

        challenge = new DigestChallenge(realm, nonce, parsedAlgorithm, OffersAuth(qop.Span), opaque, System.Text.Ascii.EqualsIgnoreCase(stale.Span, "true"u8));
        return true;
    }

    /// <summary>qop-options is a quoted, comma-separated list (RFC 7616 §3.3: "auth", "auth-int").</summary>
    private static bool OffersAuth(ReadOnlySpan<byte> qop)
    {
        foreach (var range in qop.Split((byte)','))
        {
            if (System.Text.Ascii.EqualsIgnoreCase(qop[range].Trim(" \t"u8), "auth"u8))
            {
                return true;
            }
        }

        return false;
    }
}
