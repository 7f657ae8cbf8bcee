using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Registrar;

namespace Switchboard.Edge.Tests.Registrar;

public sealed class DirectoryAnswerCacheTests
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _clock = new();
    private readonly DirectoryAnswerCache<string> _cache;
    private int _loads;

    public DirectoryAnswerCacheTests() => _cache = new(_clock, FreshFor, KeepFor, Budget, maxEntries: 100);

    [Fact]
    public async Task Get_WithinFreshPeriod_AsksTheClusterOnce()
    {
        Assert.Equal("tenant-a", await _cache.GetAsync("a.example", Answer("tenant-a"), CancellationToken.None));
        _clock.Advance(FreshFor - TimeSpan.FromMilliseconds(1));

        Assert.Equal("tenant-a", await _cache.GetAsync("a.example", Answer("tenant-b"), CancellationToken.None));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task Get_NoneIsAnAnswerToo_NotAskedAgainWhileFresh()
    {
        Assert.Null(await _cache.GetAsync("scanner.example", Answer(null), CancellationToken.None));

        Assert.Null(await _cache.GetAsync("scanner.example", Answer("late"), CancellationToken.None));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task Get_AfterFreshPeriod_ProvisioningChangeIsVisible()
    {
        await _cache.GetAsync("a.example", Answer("tenant-a"), CancellationToken.None);
        _clock.Advance(FreshFor);

        Assert.Equal("tenant-b", await _cache.GetAsync("a.example", Answer("tenant-b"), CancellationToken.None));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Get_OlderAnswerAndClusterUnavailable_LastAnswerStandsIn()
    {
        await _cache.GetAsync("a.example", Answer("tenant-a"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(30));

        var answer = await _cache.GetAsync("a.example", _ => throw new ClusterUnavailableException("silo gone"), CancellationToken.None);

        Assert.Equal("tenant-a", answer);
    }

    [Fact]
    public async Task Get_OlderAnswerAndRefreshHangs_LastAnswerAfterTheBudget_NewAnswerLandsLater()
    {
        await _cache.GetAsync("a.example", Answer("tenant-a"), CancellationToken.None);
        _clock.Advance(FreshFor);
        var slow = new TaskCompletionSource<string?>();

        var waiting = _cache.GetAsync("a.example", _ => slow.Task, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _clock.Advance(Budget);

        Assert.Equal("tenant-a", await waiting);
        slow.SetResult("tenant-b");
        Assert.Equal("tenant-b", await _cache.GetAsync("a.example", Answer("never"), CancellationToken.None));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task Get_NoAnswerYetAndClusterUnavailable_Throws()
    {
        await Assert.ThrowsAsync<ClusterUnavailableException>(() =>
            _cache.GetAsync("a.example", _ => throw new ClusterUnavailableException("silo gone"), CancellationToken.None));
    }

    [Fact]
    public async Task Get_AnswerOlderThanKeepFor_DoesNotStandIn()
    {
        await _cache.GetAsync("a.example", Answer("tenant-a"), CancellationToken.None);
        _clock.Advance(KeepFor);

        await Assert.ThrowsAsync<ClusterUnavailableException>(() =>
            _cache.GetAsync("a.example", _ => throw new ClusterUnavailableException("silo gone"), CancellationToken.None));
    }

    [Fact]
    public async Task Get_ManyCallersOnOneMissingKey_OneClusterCall()
    {
        var slow = new TaskCompletionSource<string?>();
        var callers = Enumerable.Range(0, 20)
            .Select(_ => _cache.GetAsync("a.example", _ => { _loads++; return slow.Task; }, CancellationToken.None))
            .ToList();

        slow.SetResult("tenant-a");

        Assert.All(await Task.WhenAll(callers), answer => Assert.Equal("tenant-a", answer));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task Get_MoreKeysThanTheBound_StartsOverInsteadOfGrowing()
    {
        for (var i = 0; i <= 100; i++)
        {
            await _cache.GetAsync($"d{i}.example", Answer("t"), CancellationToken.None);
        }

        await _cache.GetAsync("d0.example", Answer("t"), CancellationToken.None);

        Assert.Equal(102, _loads);
    }

    private Func<string, Task<string?>> Answer(string? value) => _ =>
    {
        _loads++;
        return Task.FromResult(value);
    };
}
