using Switchboard.TestKit.Files;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Prometheus;

namespace Switchboard.Edge.Tests.Observability;

/// <summary>
/// A real Prometheus scrapes a silo and a standalone edge (both OS processes or hosts on loopback, PostgreSQL
/// clustering) with deploy/prometheus's alert rules loaded, and answers a query for a series of each.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prometheus_ScrapesSiloAndEdge_AndLoadsTheAlertRules()
    {
        await using var silo = await RunningSilo.StartAsync(postgres: true);
        await using var edge = StandaloneEdge.Start(silo, mediaPortMin: 42000);
        Assert.True(await edge.WaitUntilReadyAsync(Timeout), "edge never became ready:\n" + edge.Output);
        await using var prometheus = await PrometheusServer.StartAsync(
            new Dictionary<string, Uri> { ["switchboard-silo"] = silo.HttpBaseAddress, ["switchboard-edge"] = edge.HttpBaseAddress },
            [RepositoryFile.Find("deploy/prometheus/switchboard-alerts.yml")]);

        var siloSeries = await prometheus.WaitForSeriesAsync("orleans_catalog_activations{job=\"switchboard-silo\"}", Timeout);
        var edgeSeries = await prometheus.WaitForSeriesAsync("switchboard_sip_transport_messages_received_total{job=\"switchboard-edge\"}", Timeout);

        Assert.True(siloSeries.GetArrayLength() > 0, "no silo series:\n" + prometheus.Output);
        Assert.True(edgeSeries.GetArrayLength() > 0, "no edge series:\n" + prometheus.Output);
        Assert.Equal(2, (await prometheus.QueryAsync("up == 1")).GetArrayLength());
        using var rules = System.Text.Json.JsonDocument.Parse(await prometheus.Http.GetStringAsync("/api/v1/rules"));
        var loaded = rules.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("health").GetString()).ToList();
        Assert.Equal(9, loaded.Count);
        Assert.All(loaded, health => Assert.NotEqual("err", health));
    }
}
