using Switchboard.Grains.Extensions;

namespace Switchboard.Grains.Tests.Extensions;

public sealed class DigestPolicyTests
{
    [Fact]
    public void Resolve_NothingSet_Md5Only() =>
        Assert.Equal([DigestAlgorithm.Md5], DigestPolicy.Resolve(null, []));

    [Fact]
    public void Resolve_OwnListWinsOverInherited()
    {
        Assert.Equal([DigestAlgorithm.Sha256], DigestPolicy.Resolve([DigestAlgorithm.Sha256], [DigestAlgorithm.Md5, DigestAlgorithm.Sha256]));
        Assert.Equal([DigestAlgorithm.Md5, DigestAlgorithm.Sha256], DigestPolicy.Resolve([], [DigestAlgorithm.Md5, DigestAlgorithm.Sha256]));
    }

    [Theory]
    [InlineData(new[] { "sha256", "md5" }, new[] { DigestAlgorithm.Sha256, DigestAlgorithm.Md5 })]
    [InlineData(new[] { "MD5" }, new[] { DigestAlgorithm.Md5 })]
    [InlineData(new[] { "SHA-256" }, new[] { DigestAlgorithm.Sha256 })]
    public void TryParse_KnownTokens_InTheGivenOrder(string[] tokens, DigestAlgorithm[] expected)
    {
        Assert.True(DigestPolicy.TryParse(tokens, out var algorithms));
        Assert.Equal(expected, algorithms);
    }

    [Theory]
    [InlineData("md5,md5")]
    [InlineData("sha512")]
    [InlineData("md5,sha256,md5")]
    public void TryParse_UnknownOrRepeated_False(string tokens) =>
        Assert.False(DigestPolicy.TryParse(tokens.Split(','), out _));

    [Fact]
    public void TryParse_Empty_Unset()
    {
        Assert.True(DigestPolicy.TryParse([], out var algorithms));
        Assert.Null(algorithms);
    }

    [Fact]
    public void IsValid_UndefinedEnumValue_False() =>
        Assert.False(DigestPolicy.IsValid([(DigestAlgorithm)7]));

    [Fact]
    public void Format_WritesTheApiTokens() =>
        Assert.Equal(["sha256", "md5"], DigestPolicy.Format([DigestAlgorithm.Sha256, DigestAlgorithm.Md5]));
}
