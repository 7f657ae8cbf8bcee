using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>Hashing and lower-case hex helpers shared by HA1 provisioning and verification; allocation-free.</summary>
internal static class DigestHasher
{
    /// <summary>Largest digest any supported algorithm produces (SHA-256).</summary>
    public const int MaxHashLength = 32;

    public static int HashLength(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => 16,
        DigestAlgorithm.Sha256 => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The token as RFC 7616 §3.3 spells it in the algorithm parameter.</summary>
    public static string Token(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Sha256 => "SHA-256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Algorithm tokens are case-insensitive (RFC 7616 §3.3 reuses the token rule).</summary>
    public static bool TryParseToken(ReadOnlySpan<byte> token, out DigestAlgorithm algorithm)
    {
        if (Ascii.EqualsIgnoreCase(token, "MD5"u8))
        {
            algorithm = DigestAlgorithm.Md5;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(token, "SHA-256"u8))
        {
            algorithm = DigestAlgorithm.Sha256;
            return true;
        }

        algorithm = default;
        return false;
    }

    public static void Hash(DigestAlgorithm algorithm, ReadOnlySpan<byte> input, Span<byte> destination)
    {
        // MD5 is broken for collision resistance but it is what RFC 3261 §22.4 clients speak; we only offer it
        // after SHA-256 (RFC 8760 §2.4: the server lists its preferred algorithm first).
        var written = algorithm == DigestAlgorithm.Md5
            ? MD5.HashData(input, destination)
            : SHA256.HashData(input, destination);
        if (written != HashLength(algorithm))
        {
            throw new CryptographicException("Unexpected digest length.");
        }
    }

    /// <summary>Hashes <paramref name="input"/> and writes the digest as lower-case hex (RFC 7616 §3.4.1 LHEX).</summary>
    public static int HashToHex(DigestAlgorithm algorithm, ReadOnlySpan<byte> input, Span<byte> hexDestination)
    {
        Span<byte> digest = stackalloc byte[MaxHashLength];
        var length = HashLength(algorithm);
        Hash(algorithm, input, digest[..length]);
        ToLowerHex(digest[..length], hexDestination);
        return length * 2;
    }

    public static void ToLowerHex(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < source.Length; i++)
        {
            destination[2 * i] = (byte)digits[source[i] >> 4];
            destination[(2 * i) + 1] = (byte)digits[source[i] & 0xF];
        }
    }

    /// <summary>Decodes hex in either case; false on odd length, wrong length or a non-hex character.</summary>
    public static bool TryDecodeHex(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    /// <summary>Copies hex characters as lower-case ASCII bytes; false if any character is not hex.</summary>
    public static bool TryCopyLowerHex(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length)
        {
            return false;
        }

        for (var i = 0; i < hex.Length; i++)
        {
            var c = hex[i];
            if (c is >= 'A' and <= 'F')
            {
                c = (char)(c + ('a' - 'A'));
            }

            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }

            destination[i] = (byte)c;
        }

        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
