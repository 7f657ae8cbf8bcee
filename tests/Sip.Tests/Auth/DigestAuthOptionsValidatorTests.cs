using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

public class DigestAuthOptionsValidatorTests
{
    private static readonly string GoodSecret = Convert.ToBase64String(new byte[32]);

    [Fact]
    public void Validate_Defaults_WithSecret_Succeeds()
    {
        var result = new DigestAuthOptionsValidator().Validate(null, new DigestAuthOptions { NonceSecret = GoodSecret });
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA")] // 15 bytes
    public void Validate_BadSecret_FailsNamingKey(string? secret)
    {
        var result = new DigestAuthOptionsValidator().Validate(null, new DigestAuthOptions { NonceSecret = secret });
        Assert.True(result.Failed);
        Assert.Contains("Sip:NonceSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroLifetimeAndTinyTracker_FailsNamingBothKeys()
    {
        var options = new DigestAuthOptions { NonceSecret = GoodSecret, NonceLifetime = TimeSpan.Zero, MaxTrackedNonces = 1 };
        var result = new DigestAuthOptionsValidator().Validate(null, options);
        Assert.Contains("Sip:NonceLifetime", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Sip:MaxTrackedNonces", result.FailureMessage, StringComparison.Ordinal);
    }
}
