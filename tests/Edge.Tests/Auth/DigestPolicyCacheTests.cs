using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Auth;
using Switchboard.Grains.Extensions;

namespace Switchboard.Edge.Tests.Auth;

public sealed class DigestPolicyCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetAsync_WithinLifetime_LoadsOnceThenAgainAfterIt()
    {
        var cache = new DigestPolicyCache(_clock);
        var loads = 0;
        Task<IReadOnlyList<DigestAlgorithm>> Load()
        {
            loads++;
            return Task.FromResult<IReadOnlyList<DigestAlgorithm>>(loads == 1 ? [DigestAlgorithm.Md5] : [DigestAlgorithm.Sha256]);
        }

        Assert.Equal([DigestAlgorithm.Md5], await cache.GetAsync("t/1001", Load));
        _clock.Advance(DigestPolicyCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal([DigestAlgorithm.Md5], await cache.GetAsync("t/1001", Load));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([DigestAlgorithm.Sha256], await cache.GetAsync("t/1001", Load));
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task GetAsync_LoadFails_NothingCachedAndTheErrorSurfaces()
    {
        var cache = new DigestPolicyCache(_clock);

        await Assert.ThrowsAsync<TimeoutException>(() => cache.GetAsync("t/1001", () => throw new TimeoutException()));

        Assert.Equal([DigestAlgorithm.Md5], await cache.GetAsync("t/1001", () => Task.FromResult(DigestPolicy.Default)));
    }
}
