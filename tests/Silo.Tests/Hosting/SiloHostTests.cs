using System.Net;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Hosting;

public sealed class SiloHostTests
{
    [Fact]
    public async Task Start_Embedded_BecomesReady()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var http = silo.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await WaitForReady(http));
    }

    [Fact]
    public async Task Start_Postgres_MigratesSchemaAndBecomesReady()
    {
        await using var silo = await RunningSilo.StartAsync(postgres: true);
        using var http = silo.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, await WaitForReady(http));
    }

    [Fact]
    public async Task Build_BadPort_FailsNamingTheKey()
    {
        var ex = await Assert.ThrowsAsync<Switchboard.Silo.Hosting.ConfigurationException>(() =>
            RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Cluster:SiloPort"] = "eighty" }));

        Assert.Equal("Cluster:SiloPort", ex.Key);
    }

    [Fact]
    public async Task Build_ChartSamplePeriodZero_FailsNamingTheKey()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Ops:ChartSampleSeconds"] = "0" }));

        Assert.Equal(
            "Configuration error: Ops:ChartSampleSeconds must be between 1 and 60 seconds",
            Switchboard.Edge.Hosting.ConfigurationFailure.Describe(ex));
    }

    [Fact]
    public async Task Build_FraudWebhookWithoutSecret_FailsNamingTheKey()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => RunningSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Fraud:Webhook:Url"] = "https://ops.example.com/fraud",
        }));

        Assert.StartsWith("Configuration error: Fraud:Webhook:Secret must be at least 24 characters", Switchboard.Edge.Hosting.ConfigurationFailure.Describe(ex));
    }

    private static async Task<HttpStatusCode> WaitForReady(HttpClient http)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 60 && status != HttpStatusCode.OK; attempt++)
        {
            status = (await http.GetAsync("/health/ready")).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(250);
            }
        }

        return status;
    }
}
