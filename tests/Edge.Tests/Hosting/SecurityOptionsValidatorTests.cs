using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Tests.Hosting;

public sealed class SecurityOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new SecurityOptionsValidator().Validate(null, new SecurityOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BadExemptionPollAndAgent_NameEachKey()
    {
        var options = new SecurityOptions
        {
            BanPollMilliseconds = 5,
            BanExempt = ["203.0.113.0/24", "192.0.2.7", "office-nat"],
            ScannerUserAgents = ["friendly-scanner", " "],
        };

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Security:BanPollMilliseconds", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Security:BanExempt:2 'office-nat'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Security:ScannerUserAgents:1", StringComparison.Ordinal));
    }
}
