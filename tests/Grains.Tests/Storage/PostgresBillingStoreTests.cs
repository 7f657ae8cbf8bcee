using System.Diagnostics;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Storage;

/// <summary>The store contract against a real PostgreSQL (throwaway server from TestKit, deploy/sql applied by ClusterKit).</summary>
public sealed class PostgresBillingStoreTests : BillingStoreContract
{
    protected override Task<BillingStores> CreateAsync() => BillingStores.PostgresAsync();

    [Fact]
    public async Task RatePlan_HundredThousandRows_ImportAndLoadInSeconds()
    {
        var entries = Enumerable.Range(0, 100_000)
            .Select(i => new RateEntry((100_000 + i).ToString(), $"dest {i}", (i % 997) / 1000m, 0m, 60, 60, 0, DateTimeOffset.UnixEpoch, null))
            .ToList();

        var watch = Stopwatch.StartNew();
        await Stores.Plans.ReplaceAsync("plan-big", RatePlanKind.Carrier, "big", entries);
        var loaded = await Stores.Plans.LoadAsync("plan-big");
        var deck = RateDeck.Create(loaded!.Entries);
        watch.Stop();

        Assert.Equal(100_000, loaded.Entries.Count);
        Assert.Equal(0.5m, deck.Match("100500123", DateTimeOffset.UtcNow)!.PricePerMinute);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"import + load + index took {watch.Elapsed}");
    }
}
