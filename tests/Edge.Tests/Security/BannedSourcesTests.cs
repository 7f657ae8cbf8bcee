using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Security;
using Switchboard.Grains.Security;

namespace Switchboard.Edge.Tests.Security;

public sealed class BannedSourcesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private BannedSources Create(params string[] exempt) => new(Options.Create(new SecurityOptions { BanExempt = [.. exempt] }), _time);

    private SourceBan Ban(string address, TimeSpan length) => new(address, _time.GetUtcNow(), _time.GetUtcNow() + length, 10, "BadResponse");

    [Fact]
    public void IsBanned_AddedBan_UntilItExpires()
    {
        var bans = Create();
        bans.Add(Ban("192.0.2.7", TimeSpan.FromMinutes(15)));

        Assert.True(bans.IsBanned(IPAddress.Parse("192.0.2.7")));
        Assert.False(bans.IsBanned(IPAddress.Parse("192.0.2.8")));
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.False(bans.IsBanned(IPAddress.Parse("192.0.2.7")));
    }

    [Fact]
    public void Replace_ShardFromThePoll_DropsLiftedBansOfThatShardOnly()
    {
        var bans = Create();
        var lifted = "192.0.2.7";
        var other = Enumerable.Range(1, 254).Select(i => $"198.51.100.{i}").First(a => SourceBanShards.For(a) != SourceBanShards.For(lifted));
        bans.Add(Ban(lifted, TimeSpan.FromMinutes(15)));
        bans.Add(Ban(other, TimeSpan.FromMinutes(15)));

        bans.Replace(SourceBanShards.For(lifted), []);

        Assert.False(bans.IsBanned(IPAddress.Parse(lifted)));
        Assert.True(bans.IsBanned(IPAddress.Parse(other)));
        Assert.Equal(1, bans.Count);
    }

    [Fact]
    public void IsBanned_ExemptNetwork_NeverDropped()
    {
        var bans = Create("203.0.113.0/24", "2001:db8::1");
        bans.Add(Ban("203.0.113.50", TimeSpan.FromMinutes(15)));
        bans.Add(Ban("2001:db8::1", TimeSpan.FromMinutes(15)));

        Assert.True(bans.IsExempt(IPAddress.Parse("203.0.113.9")));
        Assert.False(bans.IsBanned(IPAddress.Parse("203.0.113.50")));
        Assert.False(bans.IsBanned(IPAddress.Parse("2001:db8::1")));
        Assert.False(bans.IsExempt(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public void IsBanned_DoesNotAllocate()
    {
        var bans = Create();
        bans.Add(Ban("192.0.2.7", TimeSpan.FromMinutes(15)));
        var banned = IPAddress.Parse("192.0.2.7");
        var clean = IPAddress.Parse("192.0.2.8");
        bans.IsBanned(banned);
        bans.IsBanned(clean);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            bans.IsBanned(banned);
            bans.IsBanned(clean);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
