using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Switchboard.Sip.Transports;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one datagram, one message. Requests and responses leave from the listening socket,
/// so a response reaches a NATed client through the binding its request opened (RFC 3581 §4).
/// </summary>
public sealed class UdpSipTransport : ISipTransport
{
    /// <summary>Peer end points each receive loop shares between datagrams (see the loop).</summary>
    private const int MaxSharedRemotes = 4096;

    private readonly IPEndPoint _bindTo;
    private readonly int _maxMessageSize;
    private readonly int _socketBufferBytes;
    private readonly int _receiveLoops;
    private readonly SipMessageHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _socket;
    private Task? _receiveLoop;

    public UdpSipTransport(
        IPEndPoint bindTo,
        int maxMessageSize,
        SipMessageHandler handler,
        ILogger<UdpSipTransport> logger,
        int socketBufferBytes = 0,
        int receiveLoops = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(receiveLoops, 1);
        ArgumentNullException.ThrowIfNull(bindTo);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        _bindTo = bindTo;
        _maxMessageSize = maxMessageSize;
        _socketBufferBytes = socketBufferBytes;
        _receiveLoops = receiveLoops;
        _handler = handler;
        _logger = logger;
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public IPEndPoint? LocalEndPoint { get; private set; }

    public SipTransportStats Stats { get; } = new();

    private bool DualMode => _socket is { AddressFamily: AddressFamily.InterNetworkV6, DualMode: true };

    public void Start()
    {
        if (_socket is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        var socket = new Socket(_bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (_bindTo.AddressFamily == AddressFamily.InterNetworkV6 && _bindTo.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            // With a wildcard bind we need each datagram's destination address to know our own local end point.
            socket.SetSocketOption(
                _bindTo.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP,
                SocketOptionName.PacketInformation,
                true);
            if (_socketBufferBytes > 0)
            {
                // The kernel default (about 200 KB) holds a few hundred messages: one GC pause at 1,000 calls/s
                // overflowed it and dropped INVITEs and ACKs. Linux caps the request at net.core.rmem_max/wmem_max.
                socket.ReceiveBufferSize = _socketBufferBytes;
                socket.SendBufferSize = _socketBufferBytes;
            }

            socket.Bind(_bindTo);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        SipTransportLog.Listening(_logger, Kind, LocalEndPoint);
        // One loop handles each datagram up to its first await before it takes the next, so with one loop a host
        // handles its SIP on one core at a time, and after a pause the backlog drains serially. Several loops share
        // the socket (the kernel gives each datagram to one of them), like a SIP proxy's worker processes.
        var loops = new Task[_receiveLoops];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = Task.Run(ReceiveLoopAsync);
        }

        _receiveLoop = Task.WhenAll(loops);
    }

    public bool CanReach(IPEndPoint remote) => SipAddresses.CanReach(LocalEndPoint, DualMode, remote);

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        var socket = _socket ?? throw new InvalidOperationException("The transport is not started.");
        if (message.Length > _maxMessageSize || !CanReach(destination.Remote))
        {
            Stats.SendFailed();
            return false;
        }

        try
        {
            var sent = await socket.SendToAsync(message, SocketFlags.None, destination.Remote, cancellationToken).ConfigureAwait(false);
            Stats.Sent(sent);
            return sent == message.Length;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Stats.SendFailed();
            SipTransportLog.SendFailed(_logger, ex, Kind, destination.Remote);
            return false;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var socket = _socket!;
        var token = _stopping.Token;

        // One byte more than the limit tells an oversized datagram (the kernel truncates it) from one that fits.
        var buffer = ArrayPool<byte>.Shared.Rent(_maxMessageSize + 1);
        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

        // A host has few local addresses: each datagram's is compared with the last one's, so the end point every
        // message and transaction holds is shared instead of two new objects per datagram.
        IPAddress? lastArrivedAt = null;
        IPEndPoint? local = null;

        // Peers send many datagrams each (a call's INVITE, ACK and BYE; a phone's REGISTERs): their end points are
        // shared the same way, so a live call holds one per party instead of one per message, each with the
        // address text IPAddress caches once formatted.
        var remotes = new Dictionary<IPEndPoint, IPEndPoint>();
        try
        {
            while (!token.IsCancellationRequested)
            {
                SocketReceiveMessageFromResult result;
                try
                {
                    result = await socket.ReceiveMessageFromAsync(buffer.AsMemory(0, _maxMessageSize + 1), SocketFlags.None, any, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException ex)
                {
                    // e.g. ICMP port unreachable surfacing as ConnectionReset: nothing to do but keep listening.
                    Stats.ReceiveError();
                    SipTransportLog.ReceiveError(_logger, ex, Kind);
                    continue;
                }

                var remote = SipAddresses.Normalize((IPEndPoint)result.RemoteEndPoint);
                if (remotes.TryGetValue(remote, out var known))
                {
                    remote = known;
                }
                else
                {
                    if (remotes.Count == MaxSharedRemotes)
                    {
                        // Bounded: a flood from many sources only empties the table.
                        remotes.Clear();
                    }

                    remotes.Add(remote, remote);
                }
                var arrivedAt = result.PacketInformation.Address;
                if (local is null || !arrivedAt.Equals(lastArrivedAt))
                {
                    local = new IPEndPoint(SipAddresses.Normalize(new IPEndPoint(arrivedAt, 0)).Address, LocalEndPoint!.Port);
                    lastArrivedAt = arrivedAt;
                }

                Deliver(buffer.AsMemory(0, result.ReceivedBytes), remote, local);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Deliver(ReadOnlyMemory<byte> datagram, IPEndPoint remote, IPEndPoint local)
    {
        if (datagram.Length > _maxMessageSize)
        {
            Stats.Oversized();
            SipTransportLog.Dropped(_logger, Kind, remote, SipFrameStatus.TooLarge);
            return;
        }

        // RFC 5626 §3.5.1 keep-alives and stray CRLFs (RFC 3261 §7.5) carry no message.
        var span = datagram.Span;
        if (span.IndexOfAnyExcept("\r\n"u8) < 0)
        {
            if (span.Length > 0)
            {
                Stats.KeepAlive();
            }
            else
            {
                Stats.Malformed();
            }

            return;
        }

        Stats.Received(datagram.Length);
        try
        {
            _handler(datagram, new SipEndPoint(SipTransportKind.Udp, remote, local));
        }
        catch (Exception ex)
        {
            // Nothing escapes the loop: one bad message must not stop the listener.
            Stats.HandlerFailed();
            SipTransportLog.HandlerFailed(_logger, ex, Kind, remote);
        }
    }

    private int _disposed;

    /// <summary>Closes the socket and waits for the receive loop. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
