using Orleans.Runtime;
using Switchboard.Edge.Tests.Support;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Security;

namespace Switchboard.Edge.Tests.Security;

/// <summary>
/// Issue 12's attack, replayed over real UDP sockets on 127.0.0.x against real edges and a TestingHost cluster:
/// a scanner guessing passwords from one address is banned by every edge, while a phone with the right password
/// at another address keeps registering and calling; random user names never reach an extension grain, but enough
/// of them alone get their source banned.
/// </summary>
public sealed class SourceBanTests(SourceBanFixture fixture) : IClassFixture<SourceBanFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(700);
    private const int BanFailures = SourceBanFixture.BanFailures;

    [Fact]
    public async Task Scanner_GuessingPasswords_IsBannedByEveryEdge_WhileThePhoneKeepsRegisteringAndCalling()
    {
        using var metrics = new SecurityMetricsListener();
        using var scanner = new LoopbackPhone("127.0.0.2", fixture.First.Edge);
        using var phone = new LoopbackPhone("127.0.0.3", fixture.First.Edge);
        using var callee = new LoopbackPhone("127.0.0.3", fixture.First.Edge);
        Assert.Equal(200, await callee.RegisterAsync("1002", SourceBanFixture.Password, SourceBanFixture.Domain, Wait));

        // Wrong passwords for the real extension: each one answered 403, until the cluster bans the address.
        var answered = 0;
        while (answered < BanFailures * 3 && await scanner.RegisterAsync("1001", "guess-" + answered, SourceBanFixture.Domain, TimeSpan.FromSeconds(2)) is { } status)
        {
            Assert.Equal(403, status);
            answered++;
        }

        Assert.Equal(BanFailures, answered);
        Assert.Null(await scanner.OptionsAsync(Silence));
        using var scannerAtSecondEdge = new LoopbackPhone("127.0.0.2", fixture.Second.Edge);
        Assert.True(await Eventually(async () => await scannerAtSecondEdge.OptionsAsync(Silence) is null), "the second edge never dropped the banned scanner");

        // The phone at another address: registers (the extension is not locked out for it) and calls.
        Assert.Equal(200, await phone.RegisterAsync("1001", SourceBanFixture.Password, SourceBanFixture.Domain, Wait));
        Assert.Equal(407, await phone.InviteAsync("1001", SourceBanFixture.Password, SourceBanFixture.Domain, "1002", Wait));
        Assert.True(await ReceivesInviteAsync(callee), "the authenticated INVITE never reached the callee");

        var bans = await fixture.Cluster.GrainFactory.GetGrain<ISourceBanGrain>(SourceBanShards.For("127.0.0.2")).GetBans(knownVersion: 0);
        Assert.Contains(bans.Bans!, b => b.Address == "127.0.0.2");
        Assert.DoesNotContain(bans.Bans!, b => b.Address == "127.0.0.3");

        // One ban issued (by the edge that reported the last failure), at least one drop at each edge, both copies
        // hold it (other tests' edges in this process report their own, empty, copies).
        Assert.Equal(1, metrics.BansIssued);
        Assert.True(metrics.Dropped("banned") >= 2, $"dropped as banned: {metrics.Dropped("banned")}");
        Assert.Equal(2, metrics.ActiveBansPerEdge().Count(active => active == 1));
    }

    [Fact]
    public async Task RandomUserNames_AreRefusedWithoutActivatingAnExtensionGrain()
    {
        using var guesser = new LoopbackPhone("127.0.0.4", fixture.First.Edge);
        using var phone = new LoopbackPhone("127.0.0.5", fixture.First.Edge);

        // Below the ban limit, so every name gets its challenge and its 403, as a wrong password would.
        var names = Enumerable.Range(0, BanFailures - 1).Select(i => $"9{i:D3}{Guid.NewGuid().ToString("N")[..4]}").ToList();
        foreach (var name in names)
        {
            Assert.Equal(403, await guesser.RegisterAsync(name, "whatever-1", SourceBanFixture.Domain, Wait));
        }

        Assert.Equal(200, await phone.RegisterAsync("1001", SourceBanFixture.Password, SourceBanFixture.Domain, Wait));
        var active = await ActiveGrainKeysAsync();
        Assert.Contains(ExtensionKeys.For(SourceBanFixture.TenantId, "1001"), active);
        Assert.DoesNotContain(active, key => names.Any(n => key.EndsWith("/" + n, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UnknownUserNames_Alone_GetTheSourceBanned_UntilTheBanIsLifted()
    {
        using var guesser = new LoopbackPhone("127.0.0.7", fixture.First.Edge);
        using var phone = new LoopbackPhone("127.0.0.8", fixture.First.Edge);

        // Only names the tenant does not have: no extension is ever asked, yet each refusal counts against the source.
        var answered = 0;
        while (answered < BanFailures * 3
            && await guesser.RegisterAsync($"8{answered:D3}{Guid.NewGuid().ToString("N")[..4]}", "whatever-1", SourceBanFixture.Domain, TimeSpan.FromSeconds(2)) is { } status)
        {
            Assert.Equal(403, status);
            answered++;
        }

        Assert.Equal(BanFailures, answered);
        Assert.Null(await guesser.OptionsAsync(Silence));
        var shard = fixture.Cluster.GrainFactory.GetGrain<ISourceBanGrain>(SourceBanShards.For("127.0.0.7"));
        Assert.Contains((await shard.GetBans(knownVersion: 0)).Bans!, b => b.Address == "127.0.0.7");
        Assert.Equal(200, await phone.RegisterAsync("1001", SourceBanFixture.Password, SourceBanFixture.Domain, Wait));

        // Lifted, the address is answered again (and the edges' ban lists are back to what the other tests expect).
        Assert.True(await shard.Lift("127.0.0.7"));
        Assert.True(await Eventually(async () => await guesser.OptionsAsync(Silence) is not null), "the lifted address stayed dropped");
        using var guesserAtSecondEdge = new LoopbackPhone("127.0.0.7", fixture.Second.Edge);
        Assert.True(await Eventually(async () => await guesserAtSecondEdge.OptionsAsync(Silence) is not null), "the second edge kept dropping it");
    }

    [Fact]
    public async Task ScannerUserAgent_GetsNoAnswer_AndAPhoneDoes()
    {
        using var metrics = new SecurityMetricsListener();
        using var scanner = new LoopbackPhone("127.0.0.6", fixture.First.Edge, userAgent: "Friendly-Scanner");
        using var sipvicious = new LoopbackPhone("127.0.0.6", fixture.First.Edge, userAgent: "sipvicious 0.3.3");
        using var phone = new LoopbackPhone("127.0.0.6", fixture.First.Edge, userAgent: "Linphone/5.2");

        Assert.Null(await scanner.OptionsAsync(Silence));
        Assert.Null(await sipvicious.OptionsAsync(Silence));
        Assert.Equal(200, await phone.OptionsAsync(Wait));
        Assert.Equal(2, metrics.Dropped("scanner"));
    }

    private async Task<HashSet<string>> ActiveGrainKeysAsync()
    {
        var statistics = await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. statistics.Select(s => s.GrainId.Key.ToString()!)];
    }

    private static async Task<bool> ReceivesInviteAsync(LoopbackPhone callee)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline && await callee.ReceiveAsync(deadline - DateTime.UtcNow) is { } message)
        {
            if (message.StartsWith("INVITE sip:1002@", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> Eventually(Func<Task<bool>> check)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await check())
            {
                return true;
            }
        }

        return false;
    }
}
