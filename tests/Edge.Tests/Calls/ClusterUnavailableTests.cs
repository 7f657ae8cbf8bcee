using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Calls;

/// <summary>An edge whose cluster never answers: phones get 503 with Retry-After, quickly, and never a hang.</summary>
public sealed class ClusterUnavailableTests : IAsyncLifetime
{
    private EdgeTestHost _edge = null!;

    public async Task InitializeAsync() => _edge = await EdgeTestHost.StartAsync(new UnreachableGrainFactory(), new Dictionary<string, string?>
    {
        ["Sip:ClusterTimeoutMilliseconds"] = "300",
        ["Sip:RetryAfterSeconds"] = "7",
    });

    public async Task DisposeAsync() => await _edge.DisposeAsync();

    [Fact]
    public async Task Invite_ClusterSilent_503WithRetryAfterWithinTheGuardTimeouts()
    {
        var clock = Stopwatch.StartNew();
        await _edge.SendAsync(_edge.Invite("z9hG4bK-silent"));

        var final = await _edge.FinalResponseAsync();

        Assert.StartsWith("SIP/2.0 503", final, StringComparison.Ordinal);
        Assert.Contains("Retry-After: 7", final, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"503 took {clock.Elapsed}");
    }

    [Fact]
    public async Task Invite_ClusterKnownUnreachable_503AtOnceWithoutTrying()
    {
        var connectivity = _edge.Host.Services.GetRequiredService<ClusterConnectivity>();
        var deadline = Stopwatch.StartNew();
        while (!(connectivity.HasProbed && !connectivity.IsReachable) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.False(connectivity.IsReachable);
        var clock = Stopwatch.StartNew();
        await _edge.SendAsync(_edge.Invite("z9hG4bK-known"));

        var first = await _edge.ReceiveAsync();

        Assert.StartsWith("SIP/2.0 503 Cluster Unavailable", first, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"503 took {clock.Elapsed}");
    }

    [Fact]
    public async Task Options_ClusterSilent_EdgeStillAnswers200()
    {
        await _edge.SendAsync(_edge.Invite("z9hG4bK-options", "OPTIONS"));

        Assert.StartsWith("SIP/2.0 200", await _edge.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_Dropped_EdgeKeepsServing()
    {
        await _edge.SendAsync("\u0001\u0002 not SIP at all\r\n\r\n"u8.ToArray());
        await _edge.SendAsync(_edge.Invite("z9hG4bK-after-garbage", "OPTIONS"));

        Assert.StartsWith("SIP/2.0 200", await _edge.ReceiveAsync(), StringComparison.Ordinal);
    }
}
