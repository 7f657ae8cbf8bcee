namespace Switchboard.Edge.Media;

/// <summary>
/// A bound RTP port (even) and its RTCP companion (port + 1), lent to one call; disposing returns both to the pool,
/// which keeps them bound for the next call.
/// </summary>
public sealed class RtpPortPair : IDisposable
{
    private readonly RtpPortPool _pool;
    private int _lent;

    internal RtpPortPair(RtpPortPool pool, int port, RelaySocket rtp, RelaySocket rtcp)
    {
        _pool = pool;
        RtpPort = port;
        Rtp = rtp;
        Rtcp = rtcp;
    }

    public int RtpPort { get; }

    public int RtcpPort => RtpPort + 1;

    internal RelaySocket Rtp { get; }

    internal RelaySocket Rtcp { get; }

    internal void Lend() => Volatile.Write(ref _lent, 1);

    /// <summary>Returns the pair to the pool; once per loan.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _lent, 0) == 1)
        {
            _pool.Release(RtpPort);
        }
    }

    /// <summary>Closes both ports: the pool is closing.</summary>
    internal void Close()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }
}
