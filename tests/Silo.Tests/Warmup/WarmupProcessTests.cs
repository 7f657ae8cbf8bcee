using System.Net;
using System.Net.Http.Headers;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Warmup;

/// <summary>The warm-up as an operator's silo process runs it: before the node starts, and gone once it has.</summary>
public sealed class WarmupProcessTests
{
    private const string Key = "sbk_warmupprocesstestwarmupprocesstest01";

    [Fact]
    public async Task Start_WarmsUpThroughAPrivateNode_ThatLeavesNothingInTheRealOne()
    {
        var configuration = Configuration();
        configuration["Warmup:Calls"] = "40";
        await using var silo = NodeProcess.Start("Switchboard.Silo", configuration);

        Assert.True(await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)), silo.Output);
        Assert.Contains("Warm-up: 40 calls through a private node", silo.Output, StringComparison.Ordinal);
        Assert.True(await silo.WaitForOutputAsync("  warm-up      40 calls through a private node in ", TimeSpan.FromSeconds(10)), silo.Output);

        using var http = new HttpClient { BaseAddress = silo.HttpBaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var tenants = await http.GetStringAsync("/api/v1/tenants");
        Assert.Contains("\"demo\"", tenants, StringComparison.Ordinal);
        Assert.DoesNotContain("warmup", tenants, StringComparison.Ordinal);
        using var account = await http.GetAsync("/api/v1/accounts/acct-warmup");
        Assert.Equal(HttpStatusCode.NotFound, account.StatusCode);

        // No SIP message reached the real node's edge: its counters start from nothing.
        var metrics = await http.GetStringAsync("/metrics");
        Assert.DoesNotContain("switchboard_edge_sip_messages_in", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("warmup", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_DuringTheWarmup_EndsTheProcessWithoutStartingTheNode()
    {
        var configuration = Configuration();
        configuration["Warmup:Calls"] = "100000";
        configuration["Warmup:TimeoutSeconds"] = "600";
        await using var silo = NodeProcess.Start("Switchboard.Silo", configuration);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(silo.HasExited, silo.Output);

        await silo.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(silo.HasExited, silo.Output);
        Assert.DoesNotContain("Switchboard silo ====", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Warm-up", silo.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Configuration() => new()
    {
        ["Cluster:ClusterId"] = "warmup-test",
        ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
        ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
        ["Http:Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
        ["Sip:Port"] = FreePorts.Next().ToString(),
        ["Sip:ListenAddress"] = "127.0.0.1",
        ["Admin:BootstrapKey"] = Key,
        ["Logging:LogLevel:Switchboard.Silo.Warmup"] = "Information",
    };
}
