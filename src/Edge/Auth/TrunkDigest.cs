using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Edge.Auth;

/// <summary>
/// The client side of digest (RFC 3261 §22.2, RFC 7616 §3.4): answers a carrier's 401/407 on a trunk leg with
/// the trunk's credentials. MD5 and SHA-256, qop "auth" or none. The password never leaves this method.
/// </summary>
public static partial class TrunkDigest
{
    /// <summary>
    /// Answers the carrier's challenge in the trunk's most preferred algorithm it offers (RFC 8760 §2.4: a client
    /// uses the first challenge it supports; the trunk's <see cref="DigestPolicy"/> says what we support). Null when
    /// no challenge is in an algorithm the trunk allows, so the leg fails as unauthenticated.
    /// </summary>
    public static string? Answer(IReadOnlyList<string> challenges, TrunkCredentials credentials, string method, string uri)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        ArgumentNullException.ThrowIfNull(credentials);
        foreach (var allowed in DigestPolicy.Resolve(credentials.DigestAlgorithms))
        {
            var token = allowed == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";
            foreach (var challenge in challenges)
            {
                if (Parameters(challenge) is { } parameters && parameters.GetValueOrDefault("algorithm", "MD5").Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return Answer(challenge, credentials.Username, credentials.Password, method, uri);
                }
            }
        }

        return null;
    }

    /// <summary>The Authorization/Proxy-Authorization value, or null for a challenge we cannot answer.</summary>
    public static string? Answer(string challenge, string username, string password, string method, string uri)
    {
        var parameters = Parameters(challenge);
        if (parameters is null || !parameters.TryGetValue("realm", out var realm) || !parameters.TryGetValue("nonce", out var nonce))
        {
            return null;
        }

        var algorithm = parameters.GetValueOrDefault("algorithm", "MD5");
        Func<string, string>? hash = algorithm.ToUpperInvariant() switch
        {
            "MD5" => static s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s))),
            "SHA-256" => static s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s))),
            _ => null,
        };
        if (hash is null)
        {
            return null;
        }

        var qopOffered = parameters.GetValueOrDefault("qop");
        var useQop = qopOffered is not null && qopOffered.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase));
        var ha1 = hash($"{username}:{realm}:{password}");
        var ha2 = hash($"{method}:{uri}");
        var value = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={algorithm}");
        if (useQop)
        {
            var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            const string nc = "00000001";
            value.Append(CultureInfo.InvariantCulture, $", response=\"{hash($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")}\", qop=auth, nc={nc}, cnonce=\"{cnonce}\"");
        }
        else
        {
            value.Append(CultureInfo.InvariantCulture, $", response=\"{hash($"{ha1}:{nonce}:{ha2}")}\"");
        }

        if (parameters.TryGetValue("opaque", out var opaque))
        {
            value.Append(CultureInfo.InvariantCulture, $", opaque=\"{opaque}\"");
        }

        return value.ToString();
    }

    private static Dictionary<string, string>? Parameters(string challenge)
    {
        if (!challenge.StartsWith("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in ParameterPattern().Matches(challenge[6..]))
        {
            parameters[match.Groups["name"].Value] = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["token"].Value;
        }

        return parameters;
    }

    [GeneratedRegex("(?<name>[A-Za-z-]+)\\s*=\\s*(?:\"(?<quoted>[^\"]*)\"|(?<token>[^,\\s]+))")]
    private static partial Regex ParameterPattern();
}
