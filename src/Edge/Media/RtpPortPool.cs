using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Media;

/// <summary>
/// Hands out RTP/RTCP socket pairs from the configured range: RTP on an even port, RTCP on the next one
/// (RFC 3550 §11). The pair is drawn at random from the free ones, so the port of the next call cannot be guessed
/// from the last one ("RTP bleed": an outsider who knows where a call's media goes can spray it). The free pairs
/// sit in one array; drawing swaps the last one into the gap and releasing appends, so both are O(1) and
/// allocate nothing. Ports another process holds are skipped, so several edges on one host can share a range.
/// </summary>
public sealed class RtpPortPool
{
    /// <summary>How many held ports one allocation tries before giving up: bounds the work when the range is crowded.</summary>
    private const int MaxAttempts = 32;

    private readonly IPAddress _address;
    private readonly int[] _free;
    private readonly Lock _lock = new();
    private int _freeCount;

    public RtpPortPool(IOptions<MediaOptions> options)
    {
        _address = IPAddress.Parse(options.Value.Address);
        var first = options.Value.PortMin + (options.Value.PortMin % 2);
        var last = options.Value.PortMax - 1;
        _free = new int[Math.Max(0, ((last - first) / 2) + 1)];
        for (var i = 0; i < _free.Length; i++)
        {
            _free[i] = first + (2 * i);
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

    /// <summary>Binds a random free pair, or returns null when the whole range is taken.</summary>
    public RtpPortPair? Allocate()
    {
        Span<int> held = stackalloc int[MaxAttempts];
        var heldCount = 0;
        RtpPortPair? pair = null;
        while (pair is null && heldCount < MaxAttempts && Draw() is { } port)
        {
            pair = TryBind(port);
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

        return pair;
    }

    internal void Release(int port)
    {
        lock (_lock)
        {
            _free[_freeCount++] = port;
        }
    }

    private int? Draw()
    {
        lock (_lock)
        {
            if (_freeCount == 0)
            {
                return null;
            }

            var at = RandomNumberGenerator.GetInt32(_freeCount);
            var port = _free[at];
            _free[at] = _free[--_freeCount];
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
