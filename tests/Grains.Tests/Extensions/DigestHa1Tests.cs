using Switchboard.Grains.Extensions;

namespace Switchboard.Grains.Tests.Extensions;

public sealed class DigestHa1Tests
{
    [Fact]
    public void Compute_Md5_MatchesRfc2617Example()
    {
        // RFC 2617 §3.5: Mufasa / testrealm@host.com / "Circle Of Life".
        Assert.Equal(
            "939e7578ed9e3c518a452acee763bce9",
            DigestHa1.Compute(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life"));
    }

    [Fact]
    public void Compute_Sha256_MatchesRfc7616Credentials()
    {
        // RFC 7616 §3.9.1 credentials; HA1 computed independently (python hashlib).
        Assert.Equal(
            "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232",
            DigestHa1.Compute(DigestAlgorithm.Sha256, "Mufasa", "http-auth@example.org", "Circle of Life"));
    }
}
