using Microsoft.Extensions.Configuration;
using Switchboard.Silo.Warmup;

namespace Switchboard.Silo.Tests.Warmup;

/// <summary>The warm-up's private node, in this process: real SIP over loopback, digest, routing, billing, a carrier.</summary>
public sealed class CallPathWarmupTests
{
    private static readonly IConfiguration NoConfiguration = new ConfigurationBuilder().Build();

    [Fact]
    public async Task RunAsync_PlacesEveryCallThroughThePrivateNodeAndCompletesIt()
    {
        var result = await CallPathWarmup.RunAsync(
            NoConfiguration, new WarmupOptions { Calls = 24, Lines = 3, TimeoutSeconds = 120 }, Task.CompletedTask, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(24, result.Placed);
        Assert.Equal(24, result.Completed);
        Assert.True(result.MethodsCompiled > 0);
    }

    [Fact]
    public async Task RunAsync_TwiceInOneProcess_TheFirstNodeLeftNothingInTheWay()
    {
        // Ports, relay range and runtime state of the first private node are released when it stops.
        var options = new WarmupOptions { Calls = 8, Lines = 2, TimeoutSeconds = 120 };
        var first = await CallPathWarmup.RunAsync(NoConfiguration, options, Task.CompletedTask, CancellationToken.None);
        var second = await CallPathWarmup.RunAsync(NoConfiguration, options, Task.CompletedTask, CancellationToken.None);

        Assert.Equal((null, 8), (first.Failure, first.Completed));
        Assert.Equal((null, 8), (second.Failure, second.Completed));
    }

    [Fact]
    public async Task RunAsync_MoreWorkThanItsTimeout_ReportsTheTimeoutInsteadOfThrowing()
    {
        var result = await CallPathWarmup.RunAsync(
            NoConfiguration, new WarmupOptions { Calls = 100_000, Lines = 1, TimeoutSeconds = 1 }, Task.CompletedTask, CancellationToken.None);

        Assert.True(result.Failure == "did not finish within 1 s", $"{result}");
        Assert.True(result.Completed < 100_000);
    }

    [Fact]
    public async Task RunAsync_PrecompilerNeverFinishes_NoCallIsPlacedAndTheTimeoutIsReported()
    {
        var never = new TaskCompletionSource().Task;

        var result = await CallPathWarmup.RunAsync(
            NoConfiguration, new WarmupOptions { Calls = 10, Lines = 1, TimeoutSeconds = 5 }, never, CancellationToken.None);

        Assert.Equal(0, result.Placed);
        Assert.Equal("did not finish within 5 s", result.Failure);
    }
}
