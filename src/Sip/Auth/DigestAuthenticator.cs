using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Switchboard.Sip.Auth;

/// <summary>
/// Challenges and verifies SIP digest authentication (RFC 3261 §22.4 with RFC 7616 and RFC 8760). Thread-safe;
/// one instance per edge. Usage: on a request without credentials send 401/407 with <see cref="CreateChallenges"/>;
/// on a request with them, <see cref="DigestCredentials.TryParse(ReadOnlyMemory{byte}, out DigestCredentials, out DigestVerifyOutcome)"/>,
/// look up the stored HA1 for <see cref="DigestCredentials.Username"/>, realm and <see cref="DigestCredentials.Algorithm"/>,
/// then <see cref="Verify(in DigestCredentials, ReadOnlySpan{byte}, ReadOnlySpan{char}, string)"/>.
/// </summary>
public sealed class DigestAuthenticator
{
    private const int StackLimit = 512;

    private readonly DigestNonceProtector _nonces;
    private readonly NonceCountTracker _nonceCounts;

    public DigestAuthenticator(IOptions<DigestAuthOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var value = options.Value;
        var validation = new DigestAuthOptionsValidator().Validate(null, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(DigestAuthOptions.SectionName, typeof(DigestAuthOptions), validation.Failures);
        }

        var secret = DigestAuthOptionsValidator.DecodeSecret(value.NonceSecret)!;
        _nonces = new DigestNonceProtector(secret, value.NonceIssuer ?? string.Empty, value.NonceLifetime, value.MaxClockSkew, timeProvider);

        // A nonce stops needing a replay entry once it can only earn stale=true (lifetime, plus skew for future-dated ones).
        _nonceCounts = new NonceCountTracker(value.MaxTrackedNonces, value.NonceLifetime + value.MaxClockSkew, timeProvider);
    }

    /// <summary>Nonces currently remembered for replay detection on this edge.</summary>
    public int TrackedNonceCount => _nonceCounts.Count;

    /// <summary>
    /// Values for WWW-Authenticate (401) or Proxy-Authenticate (407), one header per algorithm in the order given
    /// (RFC 8760 §2.4: in order of preference). Which algorithms to offer is the caller's policy: a phone that
    /// cannot compute one of several challenges may give up on all of them. Each challenge has its own nonce, bound
    /// to its algorithm, so an answer verifies only in an algorithm that was offered.
    /// </summary>
    public IReadOnlyList<string> CreateChallenges(string realm, IReadOnlyList<DigestAlgorithm> algorithms, bool stale = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(realm);
        ArgumentNullException.ThrowIfNull(algorithms);
        if (algorithms.Count == 0)
        {
            throw new ArgumentException("Offer at least one algorithm.", nameof(algorithms));
        }

        var challenges = new string[algorithms.Count];
        for (var i = 0; i < challenges.Length; i++)
        {
            challenges[i] = DigestChallengeWriter.Write(realm, _nonces.Create(realm, algorithms[i]), algorithms[i], stale);
        }

        return challenges;
    }

    /// <summary>
    /// Checks the credentials presented with <paramref name="request"/>: first that their <c>uri</c> names the
    /// Request-URI (RFC 3261 §22.4 via RFC 2617 §3.2.2.5, RFC 7616 §3.4.6: otherwise credentials captured for one
    /// request could be replayed against another target, and the server SHOULD answer 400), then as
    /// <see cref="Verify(in DigestCredentials, ReadOnlySpan{byte}, ReadOnlySpan{char}, string)"/> with the
    /// request's method. <paramref name="receivedOn"/> is the local address the request arrived on (see
    /// <see cref="UriMatches"/>).
    /// </summary>
    public DigestVerifyOutcome Verify(in DigestCredentials credentials, SipRequest request, IPEndPoint? receivedOn, ReadOnlySpan<char> ha1Hex, string expectedRealm)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!credentials.Nonce.IsEmpty && !UriMatches(credentials.Uri.Span, request, receivedOn))
        {
            return DigestVerifyOutcome.UriMismatch;
        }

        return Verify(credentials, request.Method.Name, ha1Hex, expectedRealm);
    }

    /// <summary>
    /// The digest <c>uri</c> names the target of <paramref name="request"/>: the Request-URI as sent (what phones
    /// hash), or a SIP URI equal to it by RFC 3261 §19.1.4 (escaping, host case may differ), or the server itself:
    /// a user-less SIP URI of the address and port the request arrived on, which is what sipp hashes (the address
    /// it sent to). That last form names this server and nothing else, so it cannot open another target either.
    /// </summary>
    internal static bool UriMatches(ReadOnlySpan<byte> digestUri, SipRequest request, IPEndPoint? receivedOn)
    {
        if (digestUri.SequenceEqual(request.RequestUriSpan))
        {
            return true;
        }

        if (!SipUri.TryParse(digestUri, out var uri))
        {
            return false;
        }

        return uri.IsEquivalentTo(request.RequestUri)
            || (receivedOn is not null && uri.Scheme == SipUriScheme.Sip && uri.User is null && uri.Parameters.Count == 0
                && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var host) && host.Equals(receivedOn.Address)
                && (uri.Port ?? 5060) == receivedOn.Port);
    }

    /// <summary>Convenience overload for a method held as a string.</summary>
    public DigestVerifyOutcome Verify(in DigestCredentials credentials, string method, ReadOnlySpan<char> ha1Hex, string expectedRealm)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        Span<byte> methodBytes = method.Length <= 64 ? stackalloc byte[method.Length] : new byte[method.Length];
        if (Encoding.ASCII.GetBytes(method, methodBytes) != method.Length)
        {
            throw new ArgumentException("The method must be ASCII.", nameof(method));
        }

        return Verify(credentials, methodBytes, ha1Hex, expectedRealm);
    }

    /// <summary>
    /// Checks the credentials against the stored HA1 for <see cref="DigestCredentials.Algorithm"/>.
    /// <paramref name="method"/> is the request method (for ACK and CANCEL the method of the request they
    /// belong to is what the client hashed, RFC 3261 §22.4). This overload does not compare
    /// <see cref="DigestCredentials.Uri"/> with the Request-URI; the <see cref="SipRequest"/> overload does.
    /// </summary>
    /// <exception cref="ArgumentException">The stored HA1 is not hex of the algorithm's length: a provisioning bug.</exception>
    public DigestVerifyOutcome Verify(in DigestCredentials credentials, ReadOnlySpan<byte> method, ReadOnlySpan<char> ha1Hex, string expectedRealm)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedRealm);
        var algorithm = credentials.Algorithm;
        var hexLength = DigestHasher.HashLength(algorithm) * 2;
        Span<byte> ha1 = stackalloc byte[DigestHasher.MaxHashLength * 2];
        ha1 = ha1[..hexLength];
        if (!DigestHasher.TryCopyLowerHex(ha1Hex, ha1))
        {
            throw new ArgumentException($"The stored HA1 must be {hexLength} hex characters for {DigestHasher.Token(algorithm)}.", nameof(ha1Hex));
        }

        if (credentials.Nonce.IsEmpty)
        {
            // default(DigestCredentials): nothing was parsed.
            return DigestVerifyOutcome.Malformed;
        }

        if (!RealmEquals(credentials.Realm.Span, expectedRealm))
        {
            return DigestVerifyOutcome.RealmMismatch;
        }

        if (!Ascii.EqualsIgnoreCase(credentials.Qop.Span, "auth"u8))
        {
            return DigestVerifyOutcome.UnsupportedQop;
        }

        var nonceStatus = _nonces.Check(credentials.Nonce.Span, credentials.Realm.Span, algorithm, out var issuedAtMs, out var salt);
        if (nonceStatus == DigestNonceStatus.Invalid)
        {
            return DigestVerifyOutcome.InvalidNonce;
        }

        if (!ResponseMatches(credentials, method, ha1))
        {
            return DigestVerifyOutcome.BadResponse;
        }

        // Only a correct response earns stale=true, and only a correct response may consume a nonce-count:
        // otherwise anyone could burn a legitimate client's counts with garbage (RFC 7616 §3.3, §5.12). Another
        // edge's nonce is never accepted here: its counts live there, so accepting it would let a captured
        // Authorization replay on this edge.
        if (nonceStatus is DigestNonceStatus.Expired or DigestNonceStatus.Foreign)
        {
            return DigestVerifyOutcome.Stale;
        }

        return _nonceCounts.Register(issuedAtMs, salt, credentials.NonceCount) switch
        {
            NonceCountResult.Accepted => DigestVerifyOutcome.Ok,
            NonceCountResult.Replay => DigestVerifyOutcome.Replay,
            _ => DigestVerifyOutcome.Stale,
        };
    }

    /// <summary>
    /// RFC 7616 §3.4.1 with qop=auth: response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" H(method ":" uri)).
    /// </summary>
    internal static bool ResponseMatches(in DigestCredentials c, ReadOnlySpan<byte> method, ReadOnlySpan<byte> ha1Hex)
    {
        var algorithm = c.Algorithm;
        var hashLength = DigestHasher.HashLength(algorithm);
        Span<byte> presented = stackalloc byte[DigestHasher.MaxHashLength];
        presented = presented[..hashLength];
        if (!DigestHasher.TryDecodeHex(c.Response.Span, presented))
        {
            return false;
        }

        var nonce = c.Nonce.Span;
        var uri = c.Uri.Span;
        var cnonce = c.Cnonce.Span;
        var qop = c.Qop.Span;
        var nc = c.NonceCountText.Span;
        var ha2InputLength = method.Length + 1 + uri.Length;
        var responseInputLength = ha1Hex.Length + nonce.Length + nc.Length + cnonce.Length + qop.Length + (hashLength * 2) + 5;
        var needed = Math.Max(ha2InputLength, responseInputLength);
        byte[]? rented = null;
        Span<byte> buffer = needed <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(needed));
        try
        {
            Span<byte> ha2 = stackalloc byte[DigestHasher.MaxHashLength * 2];
            var w = new SpanWriter(buffer);
            w.Write(method);
            w.Write((byte)':');
            w.Write(uri);
            ha2 = ha2[..DigestHasher.HashToHex(algorithm, w.Written, ha2)];

            w = new SpanWriter(buffer);
            w.Write(ha1Hex);
            w.Write((byte)':');
            w.Write(nonce);
            w.Write((byte)':');
            w.Write(nc);
            w.Write((byte)':');
            w.Write(cnonce);
            w.Write((byte)':');
            w.Write(qop);
            w.Write((byte)':');
            w.Write(ha2);
            Span<byte> expected = stackalloc byte[DigestHasher.MaxHashLength];
            expected = expected[..hashLength];
            DigestHasher.Hash(algorithm, w.Written, expected);
            return CryptographicOperations.FixedTimeEquals(expected, presented);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool RealmEquals(ReadOnlySpan<byte> presented, string expected)
    {
        // Realms are compared exactly (RFC 7616 §3.3: realm is an opaque quoted string).
        if (presented.Length > 4 * expected.Length || presented.Length < expected.Length)
        {
            return false;
        }

        if (Encoding.UTF8.GetMaxByteCount(expected.Length) > StackLimit)
        {
            return presented.SequenceEqual(Encoding.UTF8.GetBytes(expected));
        }

        Span<byte> buffer = stackalloc byte[StackLimit];
        var written = Encoding.UTF8.GetBytes(expected, buffer);
        return presented.SequenceEqual(buffer[..written]);
    }
}
