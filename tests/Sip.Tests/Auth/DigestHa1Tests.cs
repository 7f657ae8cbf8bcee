using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

public class DigestHa1Tests
{
    [Theory]
    [InlineData(DigestAlgorithm.Md5, "3d78807defe7de2157e2b0b6573a855f")]
    [InlineData(DigestAlgorithm.Sha256, "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232")]
    public void Compute_Rfc7616Credentials_MatchesIndependentHash(DigestAlgorithm algorithm, string expected)
    {
        // RFC 7616 §3.9.1 user and realm (the errata 4495 spelling "Circle of Life").
        Assert.Equal(expected, DigestHa1.Compute("Mufasa", "http-auth@example.org", "Circle of Life", algorithm));
    }

    [Fact]
    public void Compute_Md5_MatchesRfc2617Example()
    {
        // RFC 2617 §3.5: Mufasa / testrealm@host.com / "Circle Of Life".
        Assert.Equal("939e7578ed9e3c518a452acee763bce9", DigestHa1.Compute("Mufasa", "testrealm@host.com", "Circle Of Life", DigestAlgorithm.Md5));
    }

    [Fact]
    public void Compute_NonAsciiPassword_HashesUtf8()
    {
        var expected = DigestTestClient.Hex(DigestAlgorithm.Sha256, "jürgen:demo.example:pässwörd");
        Assert.Equal(expected, DigestHa1.Compute("jürgen", "demo.example", "pässwörd", DigestAlgorithm.Sha256));
    }
}
