using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Hosting;

public sealed class EdgeDrainServiceTests
{
    [Fact]
    public async Task Stop_NoCallsInProgress_DrainsAtOnceAndRefusesNewCallsWith503()
    {
        await using var edge = await EdgeTestHost.StartAsync(new UnreachableGrainFactory(), new Dictionary<string, string?> { ["Sip:DrainSeconds"] = "30" });
        var drain = edge.Host.Services.GetServices<IHostedService>().OfType<EdgeDrainService>().Single();

        var stopping = drain.StopAsync(CancellationToken.None);
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        await edge.SendAsync(edge.Invite("z9hG4bK-draining"));

        Assert.StartsWith("SIP/2.0 503 Edge Draining", await edge.ReceiveAsync(), StringComparison.Ordinal);
        var health = await edge.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("draining", health.Entries["edge"].Description);
    }
}
