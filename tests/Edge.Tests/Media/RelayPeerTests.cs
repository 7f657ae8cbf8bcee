using System.Net;
using Switchboard.Edge.Media;

namespace Switchboard.Edge.Tests.Media;

/// <summary>The latch rules of one relay port, without sockets: which sources a party's packets are accepted from.</summary>
public sealed class RelayPeerTests
{
    private static readonly IPEndPoint Signalled = new(IPAddress.Parse("198.51.100.10"), 4000);
    private static readonly IPEndPoint Natted = new(IPAddress.Parse("203.0.113.5"), 61234);
    private static readonly IPEndPoint Intruder = new(IPAddress.Parse("192.0.2.66"), 5000);

    [Fact]
    public void Accept_SignalledAddress_LatchesForGood()
    {
        var peer = new RelayPeer();
        peer.Signal(Signalled);

        Assert.True(peer.Accept(Signalled.Serialize()));
        Assert.False(peer.Accept(Intruder.Serialize()));
        Assert.False(peer.Accept(new IPEndPoint(Signalled.Address, 4002).Serialize()));
        Assert.Equal(Signalled, peer.Endpoint);
    }

    [Fact]
    public void Accept_NoPacketFromSdpAddress_FirstSourceLatchesAndOthersAreDropped()
    {
        var peer = new RelayPeer();
        peer.Signal(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 4000));

        Assert.True(peer.Accept(Natted.Serialize()));
        Assert.False(peer.Accept(Intruder.Serialize()));
        Assert.True(peer.Accept(Natted.Serialize()));
        Assert.Equal(Natted, peer.Endpoint);
    }

    [Fact]
    public void Accept_SignalledAddressAfterAnIntruderLatched_TakesOverOnce()
    {
        var peer = new RelayPeer();
        peer.Signal(Signalled);

        Assert.True(peer.Accept(Intruder.Serialize()));
        Assert.True(peer.Accept(Signalled.Serialize()));
        Assert.False(peer.Accept(Intruder.Serialize()));
        Assert.Equal(Signalled, peer.Endpoint);
    }

    [Fact]
    public void Accept_Rtcp_FirstSourceOnlyFromThePartysRtpHost()
    {
        var rtp = new RelayPeer();
        var rtcp = new RelayPeer(rtp);
        rtp.Signal(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 4000));
        rtcp.Signal(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 4001));

        // Before RTP latched, only the signalled host may claim RTCP; then the host RTP latched to, at any port.
        Assert.False(rtcp.Accept(Natted.Serialize()));
        Assert.True(rtp.Accept(Natted.Serialize()));
        Assert.False(rtcp.Accept(Intruder.Serialize()));
        var natRtcp = new IPEndPoint(Natted.Address, 61999);
        Assert.True(rtcp.Accept(natRtcp.Serialize()));
        Assert.False(rtcp.Accept(new IPEndPoint(Natted.Address, 62000).Serialize()));
        Assert.Equal(natRtcp, rtcp.Endpoint);
    }

    [Fact]
    public void Resignal_MovedMedia_ForgetsTheLatch()
    {
        var peer = new RelayPeer();
        peer.Signal(Signalled);
        Assert.True(peer.Accept(Signalled.Serialize()));
        var moved = new IPEndPoint(IPAddress.Parse("198.51.100.11"), 4100);

        peer.Resignal(moved);

        Assert.False(peer.IsLatched);
        Assert.Equal(moved, peer.Endpoint);
        Assert.True(peer.Accept(moved.Serialize()));
        Assert.False(peer.Accept(Signalled.Serialize()));
    }

    [Fact]
    public void Accept_PerPacketOnceLatched_DoesNotAllocate()
    {
        var peer = new RelayPeer();
        peer.Signal(Signalled);
        var party = Signalled.Serialize();
        var intruder = Intruder.Serialize();
        peer.Accept(party);
        peer.Accept(intruder);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            peer.Accept(party);
            peer.Accept(intruder);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
