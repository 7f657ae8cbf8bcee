using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// HA1 = H(username ":" realm ":" password) as lowercase hex, the secret a digest verifier needs
/// (RFC 3261 §22.4 with RFC 2617 §3.2.2.2 for MD5; RFC 7616 §3.4.2 / RFC 8760 for SHA-256). Storing HA1 instead
/// of the password means a leaked row does not reveal the password, although it still authenticates in its realm.
/// </summary>
public static class DigestHa1
{
    public static string Compute(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        var input = Encoding.UTF8.GetBytes($"{username}:{realm}:{password}");
        var hash = algorithm switch
        {
            // MD5 is what RFC 3261 digest mandates and what most phones still send; not used as a password hash.
#pragma warning disable CA5351
            DigestAlgorithm.Md5 => MD5.HashData(input),
#pragma warning restore CA5351
            DigestAlgorithm.Sha256 => SHA256.HashData(input),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown digest algorithm"),
        };

        return Convert.ToHexStringLower(hash);
    }
}
