using System.Diagnostics;
using Switchboard.TestKit.Files;
using Switchboard.TestKit.Prometheus;

namespace Switchboard.Silo.Tests.Observability;

/// <summary>
/// The alert rules operators load, checked by Prometheus's own tool: syntax (<c>promtool check rules</c>) and the
/// rule unit tests of deploy/prometheus/switchboard-alerts.test.yml for the fraud, settlement and database alerts.
/// </summary>
public sealed class PrometheusRulesTests
{
    [Fact]
    public async Task AlertRules_PassPromtoolCheck()
    {
        var (exit, output) = await PromtoolAsync("check", "rules", RepositoryFile.Find("deploy/prometheus/switchboard-alerts.yml"));
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 8 rules found", output);
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

    private static async Task<(int Exit, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(PrometheusBinaries.Find("promtool")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
