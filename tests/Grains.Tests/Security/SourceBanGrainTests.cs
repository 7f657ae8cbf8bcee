using Switchboard.Grains.Security;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Security;

[Collection(CallControlClusterFixture.Collection)]
public sealed class SourceBanGrainTests(CallControlClusterFixture fixture)
{
    private static readonly int Limit = new SourceBanOptions().BanFailures;

    private ISourceBanGrain ShardOf(string address) => fixture.Grains.GetGrain<ISourceBanGrain>(SourceBanShards.For(address));

    [Fact]
    public async Task ReportFailure_LimitReached_BansOnceForTheConfiguredPeriod()
    {
        const string address = "203.0.113.10";
        var shard = ShardOf(address);

        for (var i = 1; i < Limit; i++)
        {
            var below = await shard.ReportFailure(address, "Unknown");
            Assert.Null(below.Ban);
            Assert.Equal(i, below.RecentFailures);
        }

        var issuing = await shard.ReportFailure(address, "BadResponse");
        var after = await shard.ReportFailure(address, "BadResponse");

        Assert.True(issuing.Issued);
        Assert.Equal(address, issuing.Ban!.Address);
        Assert.Equal(TimeSpan.FromSeconds(new SourceBanOptions().BanSeconds), issuing.Ban.Until - issuing.Ban.BannedAt);
        Assert.Equal("BadResponse", issuing.Ban.LastReason);
        Assert.False(after.Issued);
        Assert.Equal(issuing.Ban, after.Ban);
    }

    [Fact]
    public async Task GetBans_VersionMovesWithEachBan_AndACurrentVersionGetsNothingToCopy()
    {
        const string address = "203.0.113.11";
        var shard = ShardOf(address);
        var before = await shard.GetBans(knownVersion: 0);

        for (var i = 0; i < Limit; i++)
        {
            await shard.ReportFailure(address, "Unknown");
        }

        var after = await shard.GetBans(before.Version);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Contains(after.Bans!, b => b.Address == address);
        Assert.Null((await shard.GetBans(after.Version)).Bans);
    }

    [Fact]
    public async Task Lift_RemovesTheBanAndItsCount()
    {
        const string address = "203.0.113.12";
        var shard = ShardOf(address);
        for (var i = 0; i < Limit; i++)
        {
            await shard.ReportFailure(address, "Unknown");
        }

        Assert.True(await shard.Lift(address));

        Assert.DoesNotContain((await shard.GetBans(knownVersion: 0)).Bans!, b => b.Address == address);
        Assert.False(await shard.Lift(address));
        var fresh = await shard.ReportFailure(address, "Unknown");
        Assert.Null(fresh.Ban);
        Assert.Equal(1, fresh.RecentFailures);
    }

    [Fact]
    public async Task ReportFailure_OtherAddressesOfTheShard_AreCountedApart()
    {
        const string scanner = "203.0.113.13";
        var shard = ShardOf(scanner);
        var neighbour = Enumerable.Range(1, 254).Select(i => $"198.51.100.{i}").First(a => SourceBanShards.For(a) == SourceBanShards.For(scanner));
        for (var i = 0; i < Limit; i++)
        {
            await shard.ReportFailure(scanner, "Unknown");
        }

        var other = await shard.ReportFailure(neighbour, "Unknown");

        Assert.Null(other.Ban);
        Assert.Equal(1, other.RecentFailures);
    }

    [Fact]
    public async Task Bans_SurviveDeactivation_AndTheNewActivationsVersionMakesEdgesCopyAgain()
    {
        const string address = "203.0.113.14";
        var shard = ShardOf(address);
        for (var i = 0; i < Limit; i++)
        {
            await shard.ReportFailure(address, "BadResponse");
        }

        var known = await shard.GetBans(knownVersion: 0);

        await fixture.Cluster.Cluster.DeactivateAsync(shard);
        var after = await shard.GetBans(known.Version);

        Assert.NotEqual(known.Version, after.Version);
        Assert.Contains(after.Bans!, b => b.Address == address);
        Assert.NotNull((await shard.ReportFailure(address, "BadResponse")).Ban);
    }

    [Fact]
    public void Shards_AreStableAndSpread()
    {
        // FNV-1a of "192.0.2.1" mod 8, worked out outside .NET: the same in every process, unlike string.GetHashCode.
        Assert.Equal(0, SourceBanShards.For("192.0.2.1"));
        var used = Enumerable.Range(1, 200).Select(i => SourceBanShards.For($"10.0.{i / 100}.{i % 100}")).Distinct().Count();
        Assert.Equal(SourceBanShards.Count, used);
    }
}
