using Switchboard.Grains.Extensions;

namespace Switchboard.Grains.Tests.Extensions;

public sealed class PasswordHashTests
{
    [Fact]
    public void Verify_RightPassword_True_WrongPassword_False()
    {
        var hash = PasswordHash.Create("correct horse", 1000);

        Assert.True(hash.Verify("correct horse"));
        Assert.False(hash.Verify("correct horsE"));
    }

    [Fact]
    public void Create_SamePassword_DifferentSalt()
    {
        var a = PasswordHash.Create("correct horse", 1000);
        var b = PasswordHash.Create("correct horse", 1000);

        Assert.NotEqual(a.Salt, b.Salt);
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void ToString_DoesNotRevealHashOrSalt()
    {
        var hash = PasswordHash.Create("correct horse", 1000);

        Assert.DoesNotContain(hash.Hash, hash.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(hash.Salt, hash.ToString(), StringComparison.Ordinal);
    }
}
