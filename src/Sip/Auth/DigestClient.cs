using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>
/// The client side of digest (RFC 3261 §22.2, RFC 7616 §3.4): picks a challenge by preference and computes the
/// Authorization / Proxy-Authorization value. It hashes with the same code the server verifies with
/// (<see cref="DigestHa1"/>, <see cref="DigestHasher"/>), so both sides of this stack agree by construction.
/// The password only ever reaches the HA1 computation.
/// </summary>
public static class DigestClient
{
    /// <summary>
    /// The challenge to answer: of <paramref name="challenges"/> (header values, in the server's order), the first
    /// in the earliest algorithm of <paramref name="preference"/> (RFC 8760 §2.4: the client uses the first
    /// challenge it supports; here "supports" is what the caller allows). Null when none qualifies.
    /// </summary>
    public static DigestChallenge? Choose(IEnumerable<string> challenges, IReadOnlyList<DigestAlgorithm> preference)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        ArgumentNullException.ThrowIfNull(preference);
        var parsed = challenges.Select(c => DigestChallenge.TryParse(c, out var challenge) ? challenge : null).OfType<DigestChallenge>().ToList();
        foreach (var algorithm in preference)
        {
            if (parsed.Find(c => c.Algorithm == algorithm) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>
    /// The credentials value for <paramref name="method"/> on <paramref name="uri"/> (the Request-URI, RFC 3261
    /// §22.4). With qop "auth" offered: nc 00000001 and a fresh cnonce (RFC 7616 §3.4.1); without any qop, the
    /// RFC 2069 form old servers expect.
    /// </summary>
    public static string Answer(DigestChallenge challenge, string username, string password, string method, string uri, string? cnonce = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        var algorithm = challenge.Algorithm;
        var ha1 = DigestHa1.Compute(username, challenge.Realm, password, algorithm);
        var ha2 = Hex(algorithm, $"{method}:{uri}");
        var value = new StringBuilder("Digest username=");
        DigestChallengeWriter.AppendQuoted(value, username);
        value.Append(", realm=");
        DigestChallengeWriter.AppendQuoted(value, challenge.Realm);
        value.Append(", nonce=");
        DigestChallengeWriter.AppendQuoted(value, challenge.Nonce);
        value.Append(", uri=");
        DigestChallengeWriter.AppendQuoted(value, uri);
        value.Append(", algorithm=").Append(DigestHasher.Token(algorithm));
        if (challenge.OffersQopAuth)
        {
            const string nc = "00000001";
            cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var response = Hex(algorithm, $"{ha1}:{challenge.Nonce}:{nc}:{cnonce}:auth:{ha2}");
            value.Append(", response=\"").Append(response).Append("\", qop=auth, nc=").Append(nc).Append(", cnonce=");
            DigestChallengeWriter.AppendQuoted(value, cnonce);
        }
        else
        {
            value.Append(", response=\"").Append(Hex(algorithm, $"{ha1}:{challenge.Nonce}:{ha2}")).Append('"');
        }

        if (challenge.Opaque is not null)
        {
            // RFC 7616 §3.4: opaque goes back unchanged.
            value.Append(", opaque=");
            DigestChallengeWriter.AppendQuoted(value, challenge.Opaque);
        }

        return value.ToString();
    }

    private static string Hex(DigestAlgorithm algorithm, string input)
    {
        Span<byte> hex = stackalloc byte[DigestHasher.MaxHashLength * 2];
        var length = DigestHasher.HashToHex(algorithm, Encoding.UTF8.GetBytes(input), hex);
        return Encoding.ASCII.GetString(hex[..length]);
    }
}
