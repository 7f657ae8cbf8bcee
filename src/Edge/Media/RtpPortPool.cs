using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Sip;

namespace Switchboard.Edge.Media;

/// <summary>
/// Hands out RTP/RTCP socket pairs from the configured range: RTP on an even port, RTCP on the next one
/// (RFC 3550 §11). A pair stays bound once the edge has used it (<see cref="RelaySocket"/> says why), and a call
/// takes a bound pair when enough of them are free: binding costs four system calls and a receive loop per socket,
/// and a range drawn from evenly would end with every port of it bound. So the edge holds about the ports of its
/// busiest moment plus <see cref="SpareChoice"/> pairs until it stops; edges that share a host should be given
/// ranges of their own.
/// The pair is drawn at random, from at least <see cref="SpareChoice"/> free ones while the range has them, so the
/// port of the next call cannot be guessed from the last one ("RTP bleed": an outsider who knows where a call's
/// media goes can spray it). Free pairs sit in two arrays, bound and not yet bound; drawing swaps the last one into
/// the gap and releasing appends, so both are O(1) and allocate nothing. Ports another process holds are skipped.
/// </summary>
public sealed class RtpPortPool : IDisposable
{
    /// <summary>How many held ports one allocation tries before giving up: bounds the work when the range is crowded.</summary>
    private const int MaxAttempts = 32;

    /// <summary>
    /// While fewer bound pairs than this are free, a call binds a new pair instead of reusing one: the choice a
    /// call's port is drawn from never shrinks below this many pairs while the range has them.
    /// </summary>
    internal const int SpareChoice = 64;

    private readonly IPAddress _address;
    private readonly ArrayPool<byte> _buffers;
    private readonly int _first;
    private readonly int[] _freeBound;
    private readonly int[] _freeUnbound;

    /// <summary>The bound pair of each even port (index (port - first) / 2), once the edge has used it.</summary>
    private readonly RtpPortPair?[] _bound;
    private readonly Lock _lock = new();
    private int _freeBoundCount;
    private int _freeUnboundCount;
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
        var pairs = Math.Max(0, ((last - _first) / 2) + 1);
        _freeBound = new int[pairs];
        _freeUnbound = new int[pairs];
        _bound = new RtpPortPair?[pairs];
        for (var i = 0; i < pairs; i++)
        {
            _freeUnbound[i] = _first + (2 * i);
        }

        _freeUnboundCount = pairs;
    }

    public IPAddress Address => _address;

    /// <summary>Pairs currently handed out.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _bound.Length - _freeBoundCount - _freeUnboundCount;
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
            if (_freeBoundCount + _freeUnboundCount == _bound.Length)
            {
                throw new InvalidOperationException($"Relay port {port} was returned to a pool with nothing lent.");
            }

            if (_bound[(port - _first) / 2] is null)
            {
                _freeUnbound[_freeUnboundCount++] = port;
            }
            else
            {
                _freeBound[_freeBoundCount++] = port;
            }
        }
    }

    /// <summary>
    /// A random free port, and the pair kept bound for it if the edge has used it before: a bound pair when at least
    /// <see cref="SpareChoice"/> are free (or no unbound port is left), otherwise a port to bind.
    /// </summary>
    private int? Draw(out RtpPortPair? kept)
    {
        lock (_lock)
        {
            kept = null;
            if (_closed)
            {
                return null;
            }

            if (_freeBoundCount > 0 && (_freeBoundCount >= SpareChoice || _freeUnboundCount == 0))
            {
                var port = Take(_freeBound, ref _freeBoundCount);
                kept = _bound[(port - _first) / 2];
                return port;
            }

            return _freeUnboundCount > 0 ? Take(_freeUnbound, ref _freeUnboundCount) : null;
        }
    }

    private static int Take(int[] free, ref int count)
    {
        var at = SecureRandom.GetInt32(count);
        var port = free[at];
        free[at] = free[--count];
        return port;
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
