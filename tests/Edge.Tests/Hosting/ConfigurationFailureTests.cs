using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Hosting;

/// <summary>A bad setting becomes one line naming the key and the rule, before the host starts.</summary>
public sealed class ConfigurationFailureTests
{
    private static readonly string GoodSecret = Convert.ToBase64String(new byte[32]);

    [Theory]
    [InlineData(null)]
    [InlineData("AAAAAAAAAAAAAAAA")] // 16 characters, but only 12 bytes of base64: the rule is bytes
    public void ValidateOptions_BadNonceSecret_OneLineNamingTheKeyAndTheRule(string? secret)
    {
        var line = Failure(new() { ["Sip:NonceSecret"] = secret });

        Assert.Equal("Configuration error: Sip:NonceSecret must be base64 of at least 16 random bytes, the same on every edge of the cluster (e.g. openssl rand -base64 32)", line);
    }

    [Fact]
    public void ValidateOptions_ValueOfTheWrongType_OneLineNamingTheKey()
    {
        var line = Failure(new() { ["Sip:NonceSecret"] = GoodSecret, ["Sip:Port"] = "fifty" });

        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains("'Sip:Port'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOptions_SeveralBadKeys_AllOnOneLine()
    {
        var line = Failure(new() { ["Sip:NonceSecret"] = "x", ["Sip:RingTimeoutSeconds"] = "0", ["Media:PortMin"] = "30000", ["Media:PortMax"] = "30001" });

        Assert.Contains("Sip:NonceSecret", line, StringComparison.Ordinal);
        Assert.Contains("Sip:RingTimeoutSeconds", line, StringComparison.Ordinal);
        Assert.Contains("Media:PortMin", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOptions_BadBanExemption_OneLineNamingTheKey()
    {
        var line = Failure(new() { ["Sip:NonceSecret"] = GoodSecret, ["Security:BanExempt:0"] = "office-nat" });

        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains("Security:BanExempt:0 'office-nat'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOptions_GoodSettings_Passes()
    {
        using var host = Build(new() { ["Sip:NonceSecret"] = GoodSecret });

        ConfigurationFailure.ValidateOptions(host.Services);
    }

    [Fact]
    public void Describe_AnythingElse_NullSoTheBugKeepsItsStackTrace() =>
        Assert.Null(ConfigurationFailure.Describe(new InvalidOperationException("a bug")));

    private static string Failure(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        var thrown = Assert.ThrowsAny<Exception>(() => ConfigurationFailure.ValidateOptions(host.Services));
        var line = ConfigurationFailure.Describe(thrown);
        Assert.NotNull(line);
        return line;
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IGrainFactory>(new UnreachableGrainFactory());
        builder.Services.AddSwitchboardEdge(builder.Configuration);
        return builder.Build();
    }
}
