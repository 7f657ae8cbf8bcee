using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Edge.Auth;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Edge.Tests.Auth;

public sealed class TrunkDigestTests
{
    [Fact]
    public void Answer_QopAuth_ResponseMatchesRfc7616Computation()
    {
        var answer = TrunkDigest.Answer(
            "Digest realm=\"carrier.example\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", qop=\"auth,auth-int\", algorithm=MD5, opaque=\"5ccc069c\"",
            "trunk1", "s3cret", "INVITE", "sip:4930555@carrier.example")!;

        var cnonce = Field(answer, "cnonce");
        var ha1 = Md5("trunk1:carrier.example:s3cret");
        var ha2 = Md5("INVITE:sip:4930555@carrier.example");
        Assert.Equal(Md5($"{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:{cnonce}:auth:{ha2}"), Field(answer, "response"));
        Assert.Contains("qop=auth,", answer, StringComparison.Ordinal);
        Assert.Equal("5ccc069c", Field(answer, "opaque"));
    }

    [Fact]
    public void Answer_NoQop_UsesRfc2069Form()
    {
        var answer = TrunkDigest.Answer("Digest realm=\"r\", nonce=\"n1\"", "u", "p", "INVITE", "sip:1@h")!;

        Assert.Equal(Md5($"{Md5("u:r:p")}:n1:{Md5("INVITE:sip:1@h")}"), Field(answer, "response"));
        Assert.DoesNotContain("cnonce", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_Sha256_HashesWithSha256()
    {
        var answer = TrunkDigest.Answer("Digest realm=\"r\", nonce=\"n1\", algorithm=SHA-256", "u", "p", "INVITE", "sip:1@h")!;

        Assert.Equal(64, Field(answer, "response").Length);
    }

    [Theory]
    [InlineData("Basic realm=\"r\"")]
    [InlineData("Digest realm=\"r\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256")]
    public void Answer_UnanswerableChallenge_Null(string challenge) =>
        Assert.Null(TrunkDigest.Answer(challenge, "u", "p", "INVITE", "sip:1@h"));

    [Fact]
    public void Answer_TrunkDefault_AnswersTheMd5ChallengeEvenWhenSha256ComesFirst()
    {
        string[] challenges = ["Digest realm=\"r\", nonce=\"n256\", algorithm=SHA-256, qop=\"auth\"", "Digest realm=\"r\", nonce=\"n5\", algorithm=MD5, qop=\"auth\""];

        var answer = TrunkDigest.Answer(challenges, new TrunkCredentials("u", "p"), "INVITE", "sip:1@h")!;

        Assert.Equal("n5", Field(answer, "nonce"));
        Assert.Contains("algorithm=MD5", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_TrunkPrefersSha256_PicksItWhateverTheCarriersOrder()
    {
        string[] challenges = ["Digest realm=\"r\", nonce=\"n5\"", "Digest realm=\"r\", nonce=\"n256\", algorithm=SHA-256"];
        var credentials = new TrunkCredentials("u", "p", [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]);

        Assert.Equal("n256", Field(TrunkDigest.Answer(challenges, credentials, "INVITE", "sip:1@h")!, "nonce"));
    }

    [Fact]
    public void Answer_NoChallengeInAnAllowedAlgorithm_Null()
    {
        string[] challenges = ["Digest realm=\"r\", nonce=\"n256\", algorithm=SHA-256"];

        Assert.Null(TrunkDigest.Answer(challenges, new TrunkCredentials("u", "p"), "INVITE", "sip:1@h"));
        Assert.NotNull(TrunkDigest.Answer(challenges, new TrunkCredentials("u", "p", [DigestAlgorithm.Sha256]), "INVITE", "sip:1@h"));
    }

    [Fact]
    public void Answer_NeverContainsThePassword()
    {
        var answer = TrunkDigest.Answer("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"", "u", "very-secret-password", "INVITE", "sip:1@h")!;

        Assert.DoesNotContain("very-secret-password", answer, StringComparison.Ordinal);
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Field(string header, string name) =>
        Regex.Match(header, $"{name}=\"?([^\",]+)\"?").Groups[1].Value;
}
