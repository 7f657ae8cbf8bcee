using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

public class DigestAuthenticatorTests
{
    private const string Realm = "demo.example";
    private static readonly string Secret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private DigestAuthenticator Create(string? secret = null, Action<DigestAuthOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new DigestAuthOptions { NonceSecret = secret ?? Secret, NonceLifetime = TimeSpan.FromMinutes(5) };
        configure?.Invoke(options);
        return new DigestAuthenticator(Options.Create(options), time ?? _time);
    }

    private static string Ha1(DigestAlgorithm algorithm, string password = "secret") =>
        DigestHa1.Compute("alice", Realm, password, algorithm);

    /// <summary>Where the edge received the request.</summary>
    private static readonly System.Net.IPEndPoint Edge = new(System.Net.IPAddress.Parse("192.0.2.10"), 5070);

    private static SipRequest Register(string requestUri)
    {
        var text = $"REGISTER {requestUri} SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-uri\r\nMax-Forwards: 70\r\n" +
            "To: <sip:alice@demo.example>\r\nFrom: <sip:alice@demo.example>;tag=1\r\nCall-ID: uri@test\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
        return Assert.IsType<SipRequest>(new SipParser().ParseDatagram(Encoding.ASCII.GetBytes(text).AsMemory()).Message);
    }

    private static DigestCredentials Parse(string value)
    {
        Assert.True(DigestCredentials.TryParse(value, out var credentials, out var failure), failure.ToString());
        return credentials;
    }

    private static string FreshNonce(DigestAuthenticator authenticator, DigestAlgorithm algorithm = DigestAlgorithm.Sha256) =>
        DigestTestClient.NonceOf(authenticator.CreateChallenges(Realm, [algorithm])[0]);

    [Fact]
    public void ResponseMatches_Rfc7616Section391Vectors_BothAlgorithms()
    {
        // RFC 7616 §3.9.1: the published MD5 and SHA-256 responses for Mufasa / GET /dir/index.html.
        const string nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        const string cnonceMd5 = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        var md5 = Parse($"Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=MD5, nonce=\"{nonce}\", nc=00000001, cnonce=\"{cnonceMd5}\", qop=auth, response=\"8ca523f5e9506fed4657c9700eebdbec\"");
        var sha = Parse($"Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"{nonce}\", nc=00000001, cnonce=\"{cnonceMd5}\", qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
        var md5Ha1 = Encoding.ASCII.GetBytes(DigestHa1.Compute("Mufasa", "http-auth@example.org", "Circle of Life", DigestAlgorithm.Md5));
        var shaHa1 = Encoding.ASCII.GetBytes(DigestHa1.Compute("Mufasa", "http-auth@example.org", "Circle of Life", DigestAlgorithm.Sha256));

        Assert.True(DigestAuthenticator.ResponseMatches(md5, "GET"u8, md5Ha1));
        Assert.True(DigestAuthenticator.ResponseMatches(sha, "GET"u8, shaHa1));
        Assert.False(DigestAuthenticator.ResponseMatches(sha, "POST"u8, shaHa1));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void Verify_CorrectResponse_Ok(DigestAlgorithm algorithm)
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth, algorithm), algorithm));
        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(credentials, "REGISTER", Ha1(algorithm), Realm));
    }

    [Fact]
    public void Verify_UpperCaseResponseAndStoredHa1_Ok()
    {
        var auth = Create();
        var value = DigestTestClient.Authorization(FreshNonce(auth), DigestAlgorithm.Sha256);
        var response = System.Text.RegularExpressions.Regex.Match(value, "response=\"([0-9a-f]+)\"").Groups[1].Value;
        var credentials = Parse(value.Replace(response, response.ToUpperInvariant(), StringComparison.Ordinal));
        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256).ToUpperInvariant(), Realm));
    }

    [Fact]
    public void Verify_WrongPassword_BadResponse()
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth), DigestAlgorithm.Sha256, password: "guess"));
        Assert.Equal(DigestVerifyOutcome.BadResponse, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_OtherMethodThanHashed_BadResponse()
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth), DigestAlgorithm.Sha256, method: "INVITE"));
        Assert.Equal(DigestVerifyOutcome.BadResponse, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_ExpiredNonceCorrectResponse_Stale()
    {
        var auth = Create();
        var nonce = FreshNonce(auth);
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));
        var credentials = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.Stale, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_NonceAtEndOfLifetime_Ok()
    {
        var auth = Create();
        var nonce = FreshNonce(auth);
        _time.Advance(TimeSpan.FromMinutes(5));
        var credentials = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_ExpiredNonceWrongResponse_BadResponseNotStale()
    {
        var auth = Create();
        var nonce = FreshNonce(auth);
        _time.Advance(TimeSpan.FromHours(1));
        var credentials = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256, password: "guess"));
        Assert.Equal(DigestVerifyOutcome.BadResponse, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_SameNonceCountTwice_Replay()
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth, DigestAlgorithm.Md5), DigestAlgorithm.Md5, nc: 1));
        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Md5), Realm));
        Assert.Equal(DigestVerifyOutcome.Replay, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Md5), Realm));
    }

    [Fact]
    public void Verify_NonceCountsOutOfOrder_EachAcceptedOnce()
    {
        var auth = Create();
        var nonce = FreshNonce(auth);
        var ha1 = Ha1(DigestAlgorithm.Sha256);
        DigestVerifyOutcome VerifyNc(uint nc) =>
            auth.Verify(Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256, nc: nc)), "REGISTER", ha1, Realm);

        Assert.Equal(DigestVerifyOutcome.Ok, VerifyNc(3));
        Assert.Equal(DigestVerifyOutcome.Ok, VerifyNc(1));
        Assert.Equal(DigestVerifyOutcome.Ok, VerifyNc(2));
        Assert.Equal(DigestVerifyOutcome.Replay, VerifyNc(2));
        Assert.Equal(DigestVerifyOutcome.Ok, VerifyNc(4));
    }

    [Fact]
    public void Verify_WrongResponseDoesNotConsumeNonceCount_LaterCorrectOneOk()
    {
        var auth = Create();
        var nonce = FreshNonce(auth);
        var ha1 = Ha1(DigestAlgorithm.Sha256);
        var forged = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256, password: "guess", nc: 1));
        var genuine = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256, nc: 1));
        Assert.Equal(DigestVerifyOutcome.BadResponse, auth.Verify(forged, "REGISTER", ha1, Realm));
        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(genuine, "REGISTER", ha1, Realm));
    }

    [Fact]
    public void Verify_NonceFromAnUnnamedIssuerWithSameSecret_Ok()
    {
        // Without NonceIssuer (the library on its own) every instance sharing the secret accepts the others' nonces.
        var issuingEdge = Create();
        var verifyingEdge = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(issuingEdge), DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.Ok, verifyingEdge.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_CredentialsCapturedOnOneEdgeReplayedOnAnother_StaleNotOk()
    {
        var edgeA = Create(configure: o => o.NonceIssuer = "edge-a");
        var edgeB = Create(configure: o => o.NonceIssuer = "edge-b");
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(edgeA), DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.Ok, edgeA.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));

        // Edge B knows nothing of the counts A saw, so it never accepts A's nonce: stale=true, the phone retries
        // with B's own nonce, and the replayed Authorization gets nowhere (nor does it on A: Replay).
        Assert.Equal(DigestVerifyOutcome.Stale, edgeB.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
        Assert.Equal(DigestVerifyOutcome.Replay, edgeA.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
        Assert.Equal(DigestVerifyOutcome.Stale, edgeB.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_AnotherEdgesNonceWithAWrongResponse_BadResponseNotStale()
    {
        // Only a correct response earns stale=true, as for an expired nonce.
        var edgeA = Create(configure: o => o.NonceIssuer = "edge-a");
        var edgeB = Create(configure: o => o.NonceIssuer = "edge-b");
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(edgeA), DigestAlgorithm.Sha256, password: "guess"));
        Assert.Equal(DigestVerifyOutcome.BadResponse, edgeB.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_NonceIssuedWithAnotherSecret_InvalidNonce()
    {
        var foreign = Create(Convert.ToBase64String(new byte[32]));
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(foreign), DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.InvalidNonce, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_NonceIssuedForAnotherRealm_InvalidNonce()
    {
        var auth = Create();
        var otherRealmNonce = DigestTestClient.NonceOf(auth.CreateChallenges("other.example", [DigestAlgorithm.Sha256])[0]);
        var credentials = Parse(DigestTestClient.Authorization(otherRealmNonce, DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.InvalidNonce, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Verify_ForgedNonce_InvalidNonce(string nonce)
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.InvalidNonce, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_NonceFromBeyondClockSkew_InvalidNonce()
    {
        var auth = Create(configure: o => o.MaxClockSkew = TimeSpan.FromSeconds(30));
        var edgeAMinuteAhead = Create(time: new FakeTimeProvider(_time.GetUtcNow().AddMinutes(1)));
        var nonce = FreshNonce(edgeAMinuteAhead);
        var credentials = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.InvalidNonce, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_NonceFromWithinClockSkew_Ok()
    {
        var auth = Create(configure: o => o.MaxClockSkew = TimeSpan.FromSeconds(30));
        var edgeSlightlyAhead = Create(time: new FakeTimeProvider(_time.GetUtcNow().AddSeconds(20)));
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(edgeSlightlyAhead), DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_CredentialsForOtherRealm_RealmMismatch()
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth), DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.RealmMismatch, auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Sha256), "other.example"));
    }

    [Fact]
    public void Verify_NoQop_UnsupportedQop()
    {
        var auth = Create();
        var value = $"Digest username=\"alice\", realm=\"{Realm}\", nonce=\"{FreshNonce(auth)}\", uri=\"sip:demo.example\", response=\"{new string('0', 64)}\", algorithm=SHA-256";
        Assert.Equal(DigestVerifyOutcome.UnsupportedQop, auth.Verify(Parse(value), "REGISTER", Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Verify_DefaultCredentials_Malformed()
    {
        var auth = Create();
        Assert.Equal(DigestVerifyOutcome.Malformed, auth.Verify(default, "REGISTER", Ha1(DigestAlgorithm.Md5), Realm));
    }

    [Fact]
    public void Verify_StoredHa1OfOtherAlgorithm_ThrowsAsProvisioningBug()
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth), DigestAlgorithm.Sha256));
        Assert.Throws<ArgumentException>(() => auth.Verify(credentials, "REGISTER", Ha1(DigestAlgorithm.Md5), Realm));
    }

    [Fact]
    public void CreateChallenges_Sha256ThenMd5_InThatOrderEachWithItsOwnNonce()
    {
        var challenges = Create().CreateChallenges(Realm, [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]);
        Assert.Equal(2, challenges.Count);
        Assert.StartsWith("Digest realm=\"demo.example\", nonce=\"", challenges[0], StringComparison.Ordinal);
        Assert.EndsWith(", algorithm=SHA-256, qop=\"auth\"", challenges[0], StringComparison.Ordinal);
        Assert.EndsWith(", algorithm=MD5, qop=\"auth\"", challenges[1], StringComparison.Ordinal);
        Assert.NotEqual(DigestTestClient.NonceOf(challenges[0]), DigestTestClient.NonceOf(challenges[1]));
        Assert.Equal(48, DigestTestClient.NonceOf(challenges[0]).Length);
    }

    [Fact]
    public void CreateChallenges_Md5Only_OneMd5Challenge()
    {
        var challenge = Assert.Single(Create().CreateChallenges(Realm, [DigestAlgorithm.Md5]));
        Assert.Contains("algorithm=MD5", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateChallenges_NoAlgorithm_Throws() =>
        Assert.Throws<ArgumentException>(() => Create().CreateChallenges(Realm, []));

    [Theory]
    [InlineData(DigestAlgorithm.Md5, DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Sha256, DigestAlgorithm.Md5)]
    public void Verify_AnswerInAnAlgorithmNotOffered_InvalidNonce(DigestAlgorithm offered, DigestAlgorithm answered)
    {
        // The nonce binds the algorithm of its challenge: a SHA-256-only policy cannot be downgraded to MD5.
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth, offered), answered));
        Assert.Equal(DigestVerifyOutcome.InvalidNonce, auth.Verify(credentials, "REGISTER", Ha1(answered), Realm));
    }

    [Fact]
    public void CreateChallenges_Stale_CarriesStaleTrue()
    {
        var challenges = Create().CreateChallenges(Realm, [DigestAlgorithm.Sha256, DigestAlgorithm.Md5], stale: true);
        Assert.All(challenges, c => Assert.EndsWith(", qop=\"auth\", stale=TRUE", c, StringComparison.Ordinal));
    }

    [Fact]
    public void CreateChallenges_RealmWithQuote_Escaped()
    {
        var challenges = Create().CreateChallenges("a\"b", [DigestAlgorithm.Md5]);
        Assert.StartsWith("Digest realm=\"a\\\"b\", ", challenges[0], StringComparison.Ordinal);
    }

    [Fact]
    public void CreateChallenges_TwoCalls_DifferentNonces()
    {
        var auth = Create();
        Assert.NotEqual(FreshNonce(auth), FreshNonce(auth));
    }

    [Theory]
    [InlineData("sip:demo.example")]
    [InlineData("sip:DEMO.example")] // RFC 3261 §19.1.4: hosts compare case-insensitively
    [InlineData("sip:192.0.2.10:5070")] // the server's own address, as sipp hashes it
    public void Verify_DigestUriNamesTheRequestUri_Ok(string digestUri)
    {
        var auth = Create();
        var credentials = Parse(DigestTestClient.Authorization(FreshNonce(auth), DigestAlgorithm.Sha256, uri: digestUri));

        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(credentials, Register("sip:demo.example"), Edge, Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Theory]
    [InlineData("sip:other.example")]
    [InlineData("sip:demo.example;transport=tcp")]
    [InlineData("not a uri")]
    [InlineData("sip:192.0.2.11:5070")] // another server
    [InlineData("sip:192.0.2.10")] // this server's address on another port (5060)
    [InlineData("sip:alice@192.0.2.10:5070")] // a user at this server is not this server
    public void Verify_DigestUriForAnotherTarget_UriMismatchWithoutUsingTheNonceCount(string digestUri)
    {
        // The response is right for the uri it names: only the comparison with the Request-URI can refuse it.
        var auth = Create();
        var nonce = FreshNonce(auth);
        var captured = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256, uri: digestUri));

        Assert.Equal(DigestVerifyOutcome.UriMismatch, auth.Verify(captured, Register("sip:demo.example"), Edge, Ha1(DigestAlgorithm.Sha256), Realm));
        var genuine = Parse(DigestTestClient.Authorization(nonce, DigestAlgorithm.Sha256));
        Assert.Equal(DigestVerifyOutcome.Ok, auth.Verify(genuine, Register("sip:demo.example"), Edge, Ha1(DigestAlgorithm.Sha256), Realm));
    }

    [Fact]
    public void Constructor_MissingSecret_ThrowsNamingKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Create(secret: ""));
        Assert.Contains("Sip:NonceSecret", ex.Message, StringComparison.Ordinal);
    }
}
