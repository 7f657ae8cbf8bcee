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
        var pool = Pool(first + 1, first + 9);

        using var pair = pool.Allocate()!;

        Assert.Equal(0, pair.RtpPort % 2);
        Assert.Equal(pair.RtpPort + 1, pair.RtcpPort);
        Assert.InRange(pair.RtpPort, first + 2, first + 8);
    }

    [Fact]
    public void Allocate_RangeExhausted_ReturnsNull()
    {
        var first = FreeRange();
        var pool = Pool(first, first + 3);

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
        var pool = Pool(first, first + 3);

        using var pair = pool.Allocate()!;

        Assert.Equal(first + 2, pair.RtpPort);
    }

    [Fact]
    public void Dispose_ReturnsPairForReuse()
    {
        var first = FreeRange();
        var pool = Pool(first, first + 1);
        pool.Allocate()!.Dispose();

        using var again = pool.Allocate();

        Assert.NotNull(again);
        Assert.Equal(1, pool.InUse);
    }

    private static RtpPortPool Pool(int min, int max) =>
        new(Options.Create(new MediaOptions { Address = "127.0.0.1", PortMin = min, PortMax = max }));

    // Spread tests over the range so parallel test classes do not compete for the same ports.
    private static int FreeRange() => 44000 + (Random.Shared.Next(0, 4000) * 4);
}
