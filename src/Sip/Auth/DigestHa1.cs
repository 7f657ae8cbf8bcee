using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>
/// HA1 = H(username ":" realm ":" password) (RFC 7616 §3.4.2). Provisioning stores only this, one per algorithm,
/// so a leaked table does not reveal passwords directly and the verifier never sees a plaintext password.
/// </summary>
public static class DigestHa1
{
    /// <summary>Lower-case hex HA1; 32 characters for MD5, 64 for SHA-256.</summary>
    public static string Compute(string username, string realm, string password, DigestAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
        var input = Encoding.UTF8.GetBytes($"{username}:{realm}:{password}");
        try
        {
            Span<byte> hex = stackalloc byte[DigestHasher.MaxHashLength * 2];
            var length = DigestHasher.HashToHex(algorithm, input, hex);
            return Encoding.ASCII.GetString(hex[..length]);
        }
        finally
        {
            // The buffer held the password; do not leave it for the GC to hand out.
            Array.Clear(input);
        }
    }
}
