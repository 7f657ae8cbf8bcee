using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

public sealed partial class DigestClientTests
{
    private const string Realm = "demo.example";

    // RFC 7616 §3.9.1: the challenge, cnonce and the published responses for Mufasa / GET /dir/index.html.
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Answer_Rfc7616Section391_PublishedResponse(DigestAlgorithm algorithm, string response)
    {
        var challenge = new DigestChallenge("http-auth@example.org", Nonce, algorithm, OffersQopAuth: true, "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Stale: false);

        var answer = DigestClient.Answer(challenge, "Mufasa", "Circle of Life", "GET", "/dir/index.html", Cnonce);

        Assert.Equal(response, Directive(answer, "response"));
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Directive(answer, "opaque"));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void Answer_ToOurOwnChallenge_VerifiesOnTheServerSide(DigestAlgorithm algorithm)
    {
        // Client and server of this stack share the hashing: an answer to a challenge of ours must verify.
        var server = new DigestAuthenticator(
            Options.Create(new DigestAuthOptions { NonceSecret = Convert.ToBase64String(new byte[32]) }),
            new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        var challenge = DigestClient.Choose(server.CreateChallenges(Realm, [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]), [algorithm])!;

        var answer = DigestClient.Answer(challenge, "alice", "secret", "REGISTER", "sip:demo.example");

        Assert.True(DigestCredentials.TryParse(answer, out var credentials, out _));
        Assert.Equal(algorithm, credentials.Algorithm);
        Assert.Equal(DigestVerifyOutcome.Ok, server.Verify(credentials, "REGISTER", DigestHa1.Compute("alice", Realm, "secret", algorithm), Realm));
    }

    [Fact]
    public void Choose_PreferenceOrderBeatsTheServersOrder()
    {
        string[] challenges = ["Digest realm=\"r\", nonce=\"a\", algorithm=SHA-256", "Digest realm=\"r\", nonce=\"b\""];

        Assert.Equal("b", DigestClient.Choose(challenges, [DigestAlgorithm.Md5, DigestAlgorithm.Sha256])!.Nonce);
        Assert.Equal("a", DigestClient.Choose(challenges, [DigestAlgorithm.Sha256, DigestAlgorithm.Md5])!.Nonce);
        Assert.Null(DigestClient.Choose(challenges[..1], [DigestAlgorithm.Md5]));
    }

    [Fact]
    public void Answer_WithoutQop_Rfc2069FormAndNoCnonce()
    {
        var answer = DigestClient.Answer(new DigestChallenge("r", "n1", DigestAlgorithm.Md5, false, null, false), "u", "p", "INVITE", "sip:1@h");

        Assert.Equal(Md5($"{Md5("u:r:p")}:n1:{Md5("INVITE:sip:1@h")}"), Directive(answer, "response"));
        Assert.DoesNotContain("cnonce", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_QuoteInUsername_EscapedAndReadBackByTheServerParser()
    {
        var answer = DigestClient.Answer(new DigestChallenge("r", "n1", DigestAlgorithm.Md5, true, null, false), "a\"b", "p", "INVITE", "sip:1@h");

        Assert.True(DigestCredentials.TryParse(answer, out var credentials, out _));
        Assert.Equal("a\"b", credentials.GetUsername());
    }

    private static string Md5(string text) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Directive(string header, string name) =>
        Regex.Match(header, $"(?:^|[ ,]){name}=\"?([^\",]+)\"?").Groups[1].Value;
}
