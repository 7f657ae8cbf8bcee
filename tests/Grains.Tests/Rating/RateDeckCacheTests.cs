using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage.InMemory;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Rating;

public sealed class RateDeckCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static RateEntry Rate(decimal price) => new("49", "Germany", price, 0m, 60, 60, 0, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public async Task GetAsync_DeckReplacedElsewhere_ServesCachedDeckUntilTheRefreshPeriodThenTheNewVersion()
    {
        var time = new FakeTimeProvider(Now);
        var store = new InMemoryRatePlanStore(new InMemoryBillingData(), time);
        var cache = new RateDeckCache(store, time, Options.Create(new BillingOptions { RateDeckRefresh = TimeSpan.FromSeconds(30) }));
        await store.ReplaceAsync("plan-a", RatePlanKind.Retail, "a", [Rate(0.10m)]);

        var first = await cache.GetAsync("plan-a");
        await store.ReplaceAsync("plan-a", RatePlanKind.Retail, "a", [Rate(0.20m)]); // another silo imports
        var cached = await cache.GetAsync("plan-a");
        time.Advance(TimeSpan.FromSeconds(31));
        var refreshed = await cache.GetAsync("plan-a");

        Assert.Same(first, cached);
        Assert.Equal(0.10m, cached!.Match("4930", Now)!.PricePerMinute);
        Assert.Equal(0.20m, refreshed!.Match("4930", Now)!.PricePerMinute);
    }

    [Fact]
    public async Task GetAsync_UnchangedVersion_KeepsTheSameDeckAfterRefresh()
    {
        var time = new FakeTimeProvider(Now);
        var store = new InMemoryRatePlanStore(new InMemoryBillingData(), time);
        var cache = new RateDeckCache(store, time, Options.Create(new BillingOptions()));
        await store.ReplaceAsync("plan-a", RatePlanKind.Retail, "a", [Rate(0.10m)]);

        var first = await cache.GetAsync("plan-a");
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Same(first, await cache.GetAsync("plan-a"));
        Assert.Null(await cache.GetAsync("plan-missing"));
    }

    [Fact]
    public async Task GetAsync_ManyConcurrentCallersOnColdCache_LoadTheDeckOnce()
    {
        var time = new FakeTimeProvider(Now);
        var store = new CountingRatePlanStore(new InMemoryRatePlanStore(new InMemoryBillingData(), time));
        var cache = new RateDeckCache(store, time, Options.Create(new BillingOptions()));
        await store.ReplaceAsync("plan-a", RatePlanKind.Retail, "a", [Rate(0.10m)]);

        var decks = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await cache.GetAsync("plan-a"))));
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await cache.GetAsync("plan-a"))));

        Assert.All(decks, d => Assert.Same(decks[0], d));
        Assert.Equal(1, store.Loads);
        Assert.Equal(1, store.VersionChecks);
    }

    [Fact]
    public async Task ImportAsync_OnThisSilo_InvalidatesAtOnceAndRejectsBadFilesWhole()
    {
        var time = new FakeTimeProvider(Now);
        var store = new InMemoryRatePlanStore(new InMemoryBillingData(), time);
        var cache = new RateDeckCache(store, time, Options.Create(new BillingOptions()));
        var importer = new RateDeckImporter(store, cache);
        const string header = RateDeckCsv.Header + "\n";
        await importer.ImportAsync("plan-a", RatePlanKind.Retail, "a", new StringReader(header + "49,Germany,0.10,0,60/60,0,,\n"));
        await cache.GetAsync("plan-a");

        var bad = await importer.ImportAsync("plan-a", RatePlanKind.Retail, "a", new StringReader(header + "49,Germany,0.30,0,60/60,0,,\n4x,bad,1,0,60/60,0,,\n"));
        var good = await importer.ImportAsync("plan-a", RatePlanKind.Retail, "a", new StringReader(header + "49,Germany,0.20,0,60/60,0,,\n"));
        var badId = await importer.ImportAsync("42", RatePlanKind.Retail, "a", new StringReader(header));

        Assert.Equal(3, Assert.Single(bad.Errors).Line);
        Assert.Equal(2L, good.Plan!.Version); // the bad file did not bump the version
        Assert.Equal(0.20m, (await cache.GetAsync("plan-a"))!.Match("4930", Now)!.PricePerMinute);
        Assert.False(badId.Succeeded);
        Assert.Contains("49,Germany,0.20", await importer.ExportAsync("plan-a"));
    }
}
