using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Media;

/// <summary>
/// Hands out RTP/RTCP socket pairs from the configured range: RTP on an even port, RTCP on the next one
/// (RFC 3550 §11). Ports another process holds are skipped, so several edges on one host can share a range.
/// </summary>
public sealed class RtpPortPool
{
    private readonly IPAddress _address;
    private readonly int _first;
    private readonly int _last;
    private readonly HashSet<int> _inUse = [];
    private readonly Lock _lock = new();
    private int _cursor;

    public RtpPortPool(IOptions<MediaOptions> options)
    {
        _address = IPAddress.Parse(options.Value.Address);
        _first = options.Value.PortMin + (options.Value.PortMin % 2);
        _last = options.Value.PortMax - 1;
        _cursor = _first;
    }

    public IPAddress Address => _address;

    /// <summary>Pairs currently handed out.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse.Count;
            }
        }
    }

    /// <summary>Binds the next free pair, or returns null when the whole range is taken.</summary>
    public RtpPortPair? Allocate()
    {
        var pairs = ((_last - _first) / 2) + 1;
        for (var attempt = 0; attempt < pairs; attempt++)
        {
            int port;
            lock (_lock)
            {
                port = _cursor;
                _cursor = _cursor + 2 > _last ? _first : _cursor + 2;
                if (!_inUse.Add(port))
                {
                    continue;
                }
            }

            if (TryBind(port) is { } pair)
            {
                return pair;
            }

            Release(port);
        }

        return null;
    }

    internal void Release(int port)
    {
        lock (_lock)
        {
            _inUse.Remove(port);
        }
    }

    private RtpPortPair? TryBind(int port)
    {
        Socket? rtp = null;
        Socket? rtcp = null;
        try
        {
            rtp = Bind(port);
            rtcp = Bind(port + 1);
            return new RtpPortPair(this, port, rtp, rtcp);
        }
        catch (SocketException)
        {
            rtp?.Dispose();
            rtcp?.Dispose();
            return null;
        }
    }

    private Socket Bind(int port)
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(_address, port));
        return socket;
    }
}
