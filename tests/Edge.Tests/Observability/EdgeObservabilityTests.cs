using System.Net;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Edge.Tests.Observability;

/// <summary>The standalone edge as an OS process against a real PostgreSQL-clustered silo.</summary>
public sealed class EdgeObservabilityTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StandaloneEdge_MetricsEndpointAndReadiness_FollowTheCluster()
    {
        var silo = await RunningSilo.StartAsync(postgres: true);
        await using var edge = StandaloneEdge.Start(silo, mediaPortMin: 41000);
        using var http = new HttpClient { BaseAddress = edge.HttpBaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            Assert.True(await edge.WaitUntilReadyAsync(ReadyTimeout), "edge never became ready:\n" + edge.Output);

            // Edge.csproj's runtime configuration, which only the edge's own process reads, selects server GC.
            Assert.True(await edge.WaitForOutputAsync("Runtime: server GC, ", ReadyTimeout), "no runtime line:\n" + edge.Output);

            using var response = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("switchboard_edge_sip_transactions_active{", text);
            Assert.Contains("switchboard_sip_transport_messages_received_total{", text);
            Assert.Contains("transport=\"udp\"", text);
            Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", text);

            // The edge reads the membership table through Npgsql; its series must not name the database or user.
            Assert.Contains("db_client_operation_duration_seconds_count{", text);
            Assert.DoesNotContain("pool_name", text);
            Assert.DoesNotContain("Username=", text);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        // With the only silo gone the edge must stop advertising readiness while it stays alive.
        Assert.True(await WaitForStatusAsync(http, "/health/ready", HttpStatusCode.ServiceUnavailable), "edge stayed ready:\n" + edge.Output);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.True(await edge.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<bool> WaitForStatusAsync(HttpClient http, string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await http.GetAsync(path)).StatusCode == expected)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
