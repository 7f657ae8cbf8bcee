using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Silo.Api.Keys;

/// <summary>
/// Makes and hashes keys. A key is <c>sbk_</c> and 32 random bytes in base64url (256 bits): nobody can guess or
/// brute-force one, so an unsalted SHA-256 is a sufficient stored form and allows lookup by hash.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "sbk_";

    /// <summary>Configured keys (<c>Admin:BootstrapKey</c>) must be at least this long to carry enough entropy.</summary>
    public const int MinimumConfiguredLength = 32;

    public const int PrefixLength = 12;

    public static string Generate() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewKeyId() => "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
