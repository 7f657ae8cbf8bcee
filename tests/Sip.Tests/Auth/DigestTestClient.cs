using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

/// <summary>A user agent's side of digest, written from RFC 7616 §3.4.1 with string hashing, as the test oracle.</summary>
internal static partial class DigestTestClient
{
    public static string NonceOf(string challenge) => NonceRegex().Match(challenge).Groups[1].Value;

    public static string Hex(DigestAlgorithm algorithm, string input)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        var hash = algorithm == DigestAlgorithm.Md5 ? MD5.HashData(bytes) : SHA256.HashData(bytes);
        return Convert.ToHexStringLower(hash);
    }

    public static string Authorization(
        string nonce,
        DigestAlgorithm algorithm,
        string username = "alice",
        string realm = "demo.example",
        string password = "secret",
        string method = "REGISTER",
        string uri = "sip:demo.example",
        uint nc = 1,
        string cnonce = "0a4f113b",
        bool sendAlgorithm = true)
    {
        var ha1 = Hex(algorithm, $"{username}:{realm}:{password}");
        var ha2 = Hex(algorithm, $"{method}:{uri}");
        var ncText = nc.ToString("x8");
        var response = Hex(algorithm, $"{ha1}:{nonce}:{ncText}:{cnonce}:auth:{ha2}");
        var algorithmPart = sendAlgorithm ? $", algorithm={(algorithm == DigestAlgorithm.Md5 ? "MD5" : "SHA-256")}" : "";
        return $"Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", " +
               $"response=\"{response}\"{algorithmPart}, qop=auth, nc={ncText}, cnonce=\"{cnonce}\"";
    }

    [GeneratedRegex("nonce=\"([^\"]*)\"")]
    private static partial Regex NonceRegex();
}
