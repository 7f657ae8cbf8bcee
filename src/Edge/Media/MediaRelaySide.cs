using System.Net;

namespace Switchboard.Edge.Media;

/// <summary>The relay ports one party sends to, and where that party's packets are delivered.</summary>
public sealed class MediaRelaySide
{
    internal MediaRelaySide(RtpPortPair ports)
    {
        Ports = ports;
        Rtcp = new RelayPeer(Rtp);
    }

    internal RtpPortPair Ports { get; }

    /// <summary>The even port written into the SDP this party receives.</summary>
    public int LocalRtpPort => Ports.RtpPort;

    public RelayPeer Rtp { get; } = new();

    public RelayPeer Rtcp { get; }

    /// <summary>The party's media address from its SDP; RTCP assumed on the next port (RFC 3550 §11).</summary>
    public void Signal(IPEndPoint rtp, bool moved)
    {
        var rtcp = new IPEndPoint(rtp.Address, rtp.Port + 1);
        if (moved)
        {
            Rtp.Resignal(rtp);
            Rtcp.Resignal(rtcp);
        }
        else
        {
            Rtp.Signal(rtp);
            Rtcp.Signal(rtcp);
        }
    }
}
