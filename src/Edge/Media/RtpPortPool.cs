using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Sip;

namespace Switchboard.Edge.Media;

/// <summary>
/// Hands out RTP/RTCP socket pairs from the configured range: RTP on an even port, RTCP on the next one
/// (RFC 3550 §11). The pair is drawn at random from the free ones, so the port of the next call cannot be guessed
/// from the last one ("RTP bleed": an outsider who knows where a call's media goes can spray it). The free pairs
/// sit in one array; drawing swaps the last one into the gap and releasing appends, so both are O(1) and
/// allocate nothing. Ports another process holds are skipped. A pair stays bound once the edge has used it
/// (<see cref="RelaySocket"/> says why): an edge holds the ports of its busiest moment until it stops, so edges that
/// share a host should be given ranges of their own.
/// </summary>
public sealed class RtpPortPool : IDisposable
{
    /// <summary>How many held ports one allocation tries before giving up: bounds the work when the range is crowded.</summary>
    private const int MaxAttempts = 32;

    private readonly IPAddress _address;
    private readonly ArrayPool<byte> _buffers;
    private readonly int _first;
    private readonly int[] _free;

    /// <summary>The bound pair of each even port (index (port - first) / 2), once the edge has used it.</summary>
    private readonly RtpPortPair?[] _bound;
    private readonly Lock _lock = new();
    private int _freeCount;
    private bool _closed;

    public RtpPortPool(IOptions<MediaOptions> options)
        : this(options, ArrayPool<byte>.Shared)
    {
    }

    /// <param name="buffers">Where the relay loops borrow their receive buffers; the shared pool unless a test counts them.</param>
    internal RtpPortPool(IOptions<MediaOptions> options, ArrayPool<byte> buffers)
    {
        _address = IPAddress.Parse(options.Value.Address);
        _buffers = buffers;
        _first = options.Value.PortMin + (options.Value.PortMin % 2);
        var last = options.Value.PortMax - 1;
        _free = new int[Math.Max(0, ((last - _first) / 2) + 1)];
        _bound = new RtpPortPair?[_free.Length];
        for (var i = 0; i < _free.Length; i++)
        {
            _free[i] = _first + (2 * i);
        }

        _freeCount = _free.Length;
    }

    public IPAddress Address => _address;

    /// <summary>Pairs currently handed out.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _free.Length - _freeCount;
            }
        }
    }

    /// <summary>Lends a random free pair, bound now or kept from an earlier call; null when the whole range is taken.</summary>
    public RtpPortPair? Allocate()
    {
        Span<int> held = stackalloc int[MaxAttempts];
        var heldCount = 0;
        RtpPortPair? pair = null;
        while (pair is null && heldCount < MaxAttempts && Draw(out var kept) is { } port)
        {
            pair = kept ?? TryBind(port);
            if (pair is null)
            {
                // Held by another process: kept aside for this call so it is not drawn again, then returned.
                held[heldCount++] = port;
            }
        }

        foreach (var port in held[..heldCount])
        {
            Release(port);
        }

        pair?.Lend();
        return pair;
    }

    /// <summary>Closes every bound port: the edge is stopping.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
        }

        foreach (var pair in _bound)
        {
            pair?.Close();
        }
    }

    internal void Release(int port)
    {
        lock (_lock)
        {
            if (_freeCount == _free.Length)
            {
                throw new InvalidOperationException($"Relay port {port} was returned to a pool with nothing lent.");
            }

            _free[_freeCount++] = port;
        }
    }

    /// <summary>A random free port, and the pair kept bound for it if the edge has used it before.</summary>
    private int? Draw(out RtpPortPair? kept)
    {
        lock (_lock)
        {
            kept = null;
            if (_freeCount == 0 || _closed)
            {
                return null;
            }

            var at = SecureRandom.GetInt32(_freeCount);
            var port = _free[at];
            _free[at] = _free[--_freeCount];
            kept = _bound[(port - _first) / 2];
            return port;
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
            var pair = new RtpPortPair(this, port, new RelaySocket(rtp, _buffers), new RelaySocket(rtcp, _buffers));
            lock (_lock)
            {
                if (!_closed)
                {
                    _bound[(port - _first) / 2] = pair;
                    return pair;
                }
            }

            // Bound while the pool was closing.
            pair.Close();
            return null;
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
