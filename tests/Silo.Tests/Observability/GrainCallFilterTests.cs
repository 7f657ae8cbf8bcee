using Microsoft.Extensions.DependencyInjection;
using Switchboard.Silo.Observability;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Observability;

public sealed class GrainCallFilterTests
{
    [Fact]
    public async Task Default_NoSiloWideGrainCallFilter()
    {
        await using var silo = await RunningSilo.StartAsync();

        // Any silo-wide filter puts every grain call of every grain through Orleans' filter pipeline.
        Assert.Empty(silo.Services.GetServices<IIncomingGrainCallFilter>());
    }

    [Fact]
    public async Task GrainProfilingOn_DashboardTimesGrainCalls()
    {
        await using var silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            [SiloObservability.GrainProfilingKey] = "true",
        });

        var filter = Assert.Single(silo.Services.GetServices<IIncomingGrainCallFilter>());
        Assert.Equal("Orleans.Dashboard.Implementation.GrainProfilerFilter", filter.GetType().FullName);
    }
}
