using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>
/// Issues and checks stateless nonces: <c>base64url(issued-at ‖ salt ‖ issuer ‖ HMAC-SHA256(secret, issued-at ‖
/// salt ‖ issuer ‖ algorithm ‖ realm)[..16])</c>. Any edge holding the same secret tells an authentic nonce from a
/// forged one with no shared state, which RFC 7616 §3.3 leaves to the implementation ("the contents of the nonce
/// are implementation dependent"). The realm is inside the MAC so a nonce issued for one tenant cannot be replayed
/// against another; so is the algorithm of the challenge that carried it, so an answer in an algorithm the policy
/// did not offer (a downgrade from SHA-256 to MD5) fails like a forged nonce, with no look-up. The issuer (a hash of
/// the issuing edge's id) makes another edge's nonce <see cref="DigestNonceStatus.Foreign"/>: only its issuer, which
/// alone tracks its nonce-counts, accepts it, so credentials captured on one edge cannot be replayed on another.
/// </summary>
internal sealed class DigestNonceProtector
{
    public const int TimestampLength = 8;
    public const int SaltLength = 8;
    public const int IssuerLength = 4;
    public const int MacLength = 16;
    public const int HeaderLength = TimestampLength + SaltLength + IssuerLength;
    public const int RawLength = HeaderLength + MacLength;

    /// <summary>Length of the base64url text of a nonce (36 bytes, no padding).</summary>
    public const int EncodedLength = 48;

    private readonly byte[] _secret;
    private readonly byte[] _issuer;
    private readonly TimeProvider _time;
    private readonly long _lifetimeMs;
    private readonly long _skewMs;

    public DigestNonceProtector(byte[] secret, string issuer, TimeSpan lifetime, TimeSpan maxClockSkew, TimeProvider time)
    {
        _secret = secret;
        _issuer = SHA256.HashData(Encoding.UTF8.GetBytes(issuer))[..IssuerLength];
        _time = time;
        _lifetimeMs = (long)lifetime.TotalMilliseconds;
        _skewMs = (long)maxClockSkew.TotalMilliseconds;
    }

    public long LifetimeMilliseconds => _lifetimeMs;

    public long MaxClockSkewMilliseconds => _skewMs;

    public string Create(string realm, DigestAlgorithm algorithm)
    {
        Span<byte> raw = stackalloc byte[RawLength];
        BinaryPrimitives.WriteInt64BigEndian(raw, _time.GetUtcNow().ToUnixTimeMilliseconds());
        SecureRandom.Fill(raw.Slice(TimestampLength, SaltLength));
        _issuer.CopyTo(raw.Slice(TimestampLength + SaltLength, IssuerLength));
        ComputeMac(raw[..HeaderLength], algorithm, Encoding.UTF8.GetBytes(realm), raw[HeaderLength..]);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>
    /// Checks a nonce as it appeared in the credentials, for the algorithm they claim. <paramref name="issuedAtMs"/>
    /// and <paramref name="salt"/> identify the nonce for replay tracking once it is known to be authentic.
    /// </summary>
    public DigestNonceStatus Check(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> realm, DigestAlgorithm algorithm, out long issuedAtMs, out ulong salt)
    {
        issuedAtMs = 0;
        salt = 0;
        Span<byte> raw = stackalloc byte[RawLength];
        if (nonce.Length != EncodedLength
            || Base64Url.DecodeFromUtf8(nonce, raw, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != EncodedLength || written != RawLength)
        {
            return DigestNonceStatus.Invalid;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        ComputeMac(raw[..HeaderLength], algorithm, realm, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw[HeaderLength..]))
        {
            return DigestNonceStatus.Invalid;
        }

        issuedAtMs = BinaryPrimitives.ReadInt64BigEndian(raw);
        salt = BinaryPrimitives.ReadUInt64BigEndian(raw[TimestampLength..]);
        var age = _time.GetUtcNow().ToUnixTimeMilliseconds() - issuedAtMs;
        if (age < -_skewMs)
        {
            // Edges' clocks differ a little; a nonce from further in the future than that was not minted by us.
            return DigestNonceStatus.Invalid;
        }

        if (age > _lifetimeMs)
        {
            return DigestNonceStatus.Expired;
        }

        return raw.Slice(TimestampLength + SaltLength, IssuerLength).SequenceEqual(_issuer) ? DigestNonceStatus.Valid : DigestNonceStatus.Foreign;
    }

    private void ComputeMac(ReadOnlySpan<byte> header, DigestAlgorithm algorithm, ReadOnlySpan<byte> realm, Span<byte> destination)
    {
        var inputLength = header.Length + 1 + realm.Length;
        Span<byte> input = inputLength <= 512 ? stackalloc byte[inputLength] : new byte[inputLength];
        header.CopyTo(input);
        input[header.Length] = (byte)algorithm;
        realm.CopyTo(input[(header.Length + 1)..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_secret, input, mac);
        mac[..MacLength].CopyTo(destination);
    }
}
