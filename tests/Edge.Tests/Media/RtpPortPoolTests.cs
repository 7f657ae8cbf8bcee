using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Media;

namespace Switchboard.Edge.Tests.Media;

public sealed class RtpPortPoolTests
{
    [Fact]
    public void Allocate_OddPortMin_StartsOnEvenRtpPortWithRtcpNext()
    {
        var first = FreeRange();
        using var pool = Pool(first + 1, first + 9);

        using var pair = pool.Allocate()!;

        Assert.Equal(0, pair.RtpPort % 2);
        Assert.Equal(pair.RtpPort + 1, pair.RtcpPort);
        Assert.InRange(pair.RtpPort, first + 2, first + 8);
    }

    [Fact]
    public void Allocate_RangeExhausted_ReturnsNull()
    {
        var first = FreeRange();
        using var pool = Pool(first, first + 3);

        using var a = pool.Allocate();
        using var b = pool.Allocate();
        var c = pool.Allocate();

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Null(c);
    }

    [Fact]
    public void Allocate_PortHeldByAnotherProcess_IsSkipped()
    {
        var first = FreeRange();
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, first + 1));
        using var pool = Pool(first, first + 3);

        using var pair = pool.Allocate()!;

        Assert.Equal(first + 2, pair.RtpPort);
    }

    [Fact]
    public void Allocate_DrawsPairsAtRandom_NotInSequence()
    {
        var first = FreeRange();
        using var pool = Pool(first, first + 399);
        var pairs = Enumerable.Range(0, 20).Select(_ => pool.Allocate()!).ToList();
        try
        {
            var ports = pairs.Select(p => p.RtpPort).ToList();
            Assert.Equal(20, ports.Distinct().Count());
            Assert.All(ports, p => Assert.True(p % 2 == 0 && p >= first && p < first + 399));

            // In sequence every step would be +2; twenty random draws from 200 pairs hardly ever give even three such steps.
            var sequentialSteps = ports.Zip(ports.Skip(1)).Count(step => step.Second == step.First + 2);
            Assert.True(sequentialSteps < 3, $"ports handed out in sequence: {string.Join(',', ports)}");
        }
        finally
        {
            pairs.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void Allocate_WholeRangeTwice_EveryPairComesBack()
    {
        var first = FreeRange();
        using var pool = Pool(first, first + 19);
        var round1 = Enumerable.Range(0, 10).Select(_ => pool.Allocate()!).ToList();
        Assert.Null(pool.Allocate());
        round1.ForEach(p => p.Dispose());

        var round2 = Enumerable.Range(0, 10).Select(_ => pool.Allocate()).ToList();

        Assert.All(round2, Assert.NotNull);
        Assert.Equal(round1.Select(p => p.RtpPort).Order(), round2.Select(p => p!.RtpPort).Order());
        round2.ForEach(p => p!.Dispose());
    }

    [Fact]
    public void Dispose_KeepsThePairBoundForTheNextCall()
    {
        var first = FreeRange();
        using var pool = Pool(first, first + 1);
        var pair = pool.Allocate()!;
        pair.Dispose();
        pair.Dispose();

        using var again = pool.Allocate();

        // The same bound sockets, not a new bind: the port was never let go.
        Assert.Same(pair, again);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.Throws<SocketException>(() => squatter.Bind(new IPEndPoint(IPAddress.Loopback, first)));
        Assert.Null(pool.Allocate());
    }

    [Fact]
    public void Dispose_ReturnsPairForReuse()
    {
        var first = FreeRange();
        using var pool = Pool(first, first + 1);
        pool.Allocate()!.Dispose();

        using var again = pool.Allocate();

        Assert.NotNull(again);
        Assert.Equal(1, pool.InUse);
    }

    [Fact]
    public void Allocate_EnoughBoundPairsFree_ReusesOneInsteadOfBinding()
    {
        var first = FreeRange();
        using var pool = Pool(first, first + 399);
        var used = Enumerable.Range(0, RtpPortPool.SpareChoice + 20).Select(_ => pool.Allocate()!).ToList();
        used.ForEach(p => p.Dispose());

        var again = Enumerable.Range(0, 20).Select(_ => pool.Allocate()!).ToList();

        // Every one of them a pair kept from the first round (at least 64 of those stay free throughout): drawn from
        // the 116 unbound pairs, hardly any would be.
        Assert.All(again, pair => Assert.Contains(pair, used));
        again.ForEach(p => p.Dispose());
    }

    [Fact]
    public void Allocate_FewBoundPairsFree_BindsANewOne()
    {
        var first = FreeRange();
        using var pool = Pool(first, first + 399);
        var used = Enumerable.Range(0, RtpPortPool.SpareChoice - 1).Select(_ => pool.Allocate()!).ToList();
        used.ForEach(p => p.Dispose());

        using var next = pool.Allocate()!;

        // One free bound pair short of the spare choice: the call's port comes from the pairs not yet bound.
        Assert.DoesNotContain(next, used);
        Assert.Equal(1, pool.InUse);
    }

    private static RtpPortPool Pool(int min, int max) =>
        new(Options.Create(new MediaOptions { Address = "127.0.0.1", PortMin = min, PortMax = max }));

    // 61000-62999: above Linux's ephemeral ports (32768-60999) and below the relay tests' range, so no other
    // socket of this test run competes for them.
    private static int FreeRange() => 61000 + (Random.Shared.Next(0, 5) * 400);
}
