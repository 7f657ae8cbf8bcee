using Switchboard.Grains.Security;

namespace Switchboard.Grains.Tests.Security;

public sealed class SourceBanOptionsTests
{
    [Fact]
    public void Validate_Defaults_TenFailuresInAMinuteBanForFifteenMinutes()
    {
        var options = new SourceBanOptions();

        Assert.Null(options.Validate());
        Assert.Equal((10, 60, 900), (options.BanFailures, options.BanWindowSeconds, options.BanSeconds));
    }

    [Theory]
    [InlineData(0, 60, 900, "Security:BanFailures")]
    [InlineData(10, 0, 900, "Security:BanWindowSeconds")]
    [InlineData(10, 60, 0, "Security:BanSeconds")]
    public void Validate_OutOfRange_NamesTheKey(int failures, int window, int ban, string key)
    {
        var error = new SourceBanOptionsValidator().Validate(null, new SourceBanOptions { BanFailures = failures, BanWindowSeconds = window, BanSeconds = ban });

        Assert.True(error.Failed);
        Assert.StartsWith(key, error.FailureMessage, StringComparison.Ordinal);
    }
}
