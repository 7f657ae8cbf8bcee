using Switchboard.TestKit.Files;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Prometheus;

namespace Switchboard.Silo.Tests.Observability;

/// <summary>
/// The alert rules operators load, checked by Prometheus's own tool: syntax (<c>promtool check rules</c>) and the
/// rule unit tests of deploy/prometheus/switchboard-alerts.test.yml for the emergency, fraud, settlement and database alerts.
/// </summary>
public sealed class PrometheusRulesTests
{
    [Fact]
    public async Task AlertRules_PassPromtoolCheck()
    {
        var (exit, output) = await PromtoolAsync("check", "rules", RepositoryFile.Find("deploy/prometheus/switchboard-alerts.yml"));
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 9 rules found", output);
    }

    [Fact]
    public async Task AlertRules_PassTheirUnitTests()
    {
        var (exit, output) = await PromtoolAsync("test", "rules", RepositoryFile.Find("deploy/prometheus/switchboard-alerts.test.yml"));
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task ScrapeConfig_PassesPromtoolCheck()
    {
        var (exit, output) = await PromtoolAsync("check", "config", RepositoryFile.Find("deploy/prometheus/prometheus.yml"));
        Assert.True(exit == 0, output);
    }

    private static Task<(int Exit, string Output)> PromtoolAsync(params string[] arguments) =>
        ToolRun.RunAsync(PrometheusBinaries.Find("promtool"), arguments, TimeSpan.FromSeconds(60));
}
