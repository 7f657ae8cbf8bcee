using System.Net.Sockets;

namespace Switchboard.Edge.Media;

/// <summary>A bound RTP socket (even port) and its RTCP companion (port + 1); disposing returns both to the pool.</summary>
public sealed class RtpPortPair : IDisposable
{
    private readonly RtpPortPool _pool;
    private int _disposed;

    internal RtpPortPair(RtpPortPool pool, int port, Socket rtp, Socket rtcp)
    {
        _pool = pool;
        RtpPort = port;
        Rtp = rtp;
        Rtcp = rtcp;
    }

    public int RtpPort { get; }

    public int RtcpPort => RtpPort + 1;

    internal Socket Rtp { get; }

    internal Socket Rtcp { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Rtp.Dispose();
            Rtcp.Dispose();
            _pool.Release(RtpPort);
        }
    }
}
