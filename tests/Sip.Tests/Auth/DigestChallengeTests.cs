using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

public sealed class DigestChallengeTests
{
    [Fact]
    public void TryParse_Rfc7616Section391Challenge_EveryDirective()
    {
        const string value = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, " +
            "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        Assert.True(DigestChallenge.TryParse(value, out var challenge));
        Assert.Equal(new DigestChallenge("http-auth@example.org", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", DigestAlgorithm.Sha256,
            OffersQopAuth: true, "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Stale: false), challenge);
    }

    [Fact]
    public void TryParse_NoAlgorithmNoQopStaleTrue_Md5Rfc2069Stale()
    {
        Assert.True(DigestChallenge.TryParse("digest realm=\"r\", nonce=\"n\", stale=TRUE", out var challenge));
        Assert.Equal((DigestAlgorithm.Md5, false, true), (challenge.Algorithm, challenge.OffersQopAuth, challenge.Stale));
    }

    [Theory]
    [InlineData("Basic realm=\"r\"")]
    [InlineData("Digest realm=\"r\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", nonce=\"m\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n")]
    [InlineData("Digest realm=\"r\" nonce=\"n\"")]
    [InlineData("Digest realm=\"r\", qop=\"auth-int\", nonce=\"n\",")]
    public void TryParse_UnanswerableOrMalformed_False(string value) =>
        Assert.False(DigestChallenge.TryParse(value, out _));

    [Fact]
    public void TryParse_OnlyAuthInt_DoesNotOfferAuth()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", out var challenge));
        Assert.False(challenge.OffersQopAuth);
    }
}
