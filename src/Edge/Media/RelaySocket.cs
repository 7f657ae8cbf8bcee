using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Edge.Media;

/// <summary>
/// One bound relay port and the receive loop that serves it for as long as the edge holds the port, across calls.
/// A call attaches its <see cref="RelayRoute"/> and detaches it at the end; packets that arrive with no route (late
/// packets of the previous call, strays) are taken and dropped. Opening and closing four sockets per call
/// (socket, bind, non-blocking mode, epoll registration, close, and a wake-up to stop each loop) cost 0.1–0.3 ms of
/// CPU per call at 500–1,000 calls/s (docs/benchmarks.md) without a single media packet, so the sockets are kept.
/// The loop holds no buffer while it waits: a buffer is borrowed only to take the queued datagrams and forward them.
/// </summary>
internal sealed class RelaySocket : IDisposable
{
    // Larger than any RTP packet on an Ethernet path (1500 MTU). Datagrams are received into one byte more, so an
    // oversize one shows as longer than this and is dropped, not forwarded truncated (a cut SRTP packet fails its tag).
    private const int MaxPacket = 2048;

    /// <summary>
    /// Datagrams taken per wake-up before the loop waits again, so one flooded socket cannot keep a pool thread forever.
    /// </summary>
    private const int MaxBurst = 32;

    private static readonly TimeSpan FaultPause = TimeSpan.FromMilliseconds(10);

    private readonly ArrayPool<byte> _buffers;
    private RelayRoute? _route;
    private int _disposed;
    private long _faults;

    internal RelaySocket(Socket socket, ArrayPool<byte> buffers)
    {
        Socket = socket;
        _buffers = buffers;
        Loop = ReceiveLoopAsync();
    }

    internal Socket Socket { get; }

    /// <summary>Ends when the socket is closed.</summary>
    internal Task Loop { get; }

    /// <summary>Rounds of forwarding that failed unexpectedly; the loop carried on.</summary>
    internal long Faults => Interlocked.Read(ref _faults);

    /// <summary>Routes the port's packets for a call; a port lent to two calls at once is a bug, and refused.</summary>
    internal void Attach(RelayRoute route)
    {
        if (Interlocked.CompareExchange(ref _route, route, null) is not null)
        {
            throw new InvalidOperationException("The relay port is already attached to a call.");
        }
    }

    /// <summary>Detaches <paramref name="route"/> if it is still the one attached.</summary>
    internal void Detach(RelayRoute route) => Interlocked.CompareExchange(ref _route, null, route);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Closing the socket completes the pending peek with an error, which ends the loop.
            Socket.Dispose();
        }
    }

    /// <summary>
    /// The wait is a zero-length MSG_PEEK receive: on Linux (.NET 10) it stays pending until a datagram is queued,
    /// then completes with 0 bytes and leaves the datagram where it is, so the loop holds no buffer between packets
    /// (a 2 KB buffer per port idle otherwise, 80 MB at 10,000 calls). Only then is a buffer rented, the queued
    /// datagrams taken with non-blocking synchronous receives (the peek guarantees the first;
    /// <see cref="Socket.Available"/> the next ones, up to <see cref="MaxBurst"/>; on Linux it is the next datagram's
    /// length, so an empty one ends the round early and the next peek completes at once), forwarded, and the buffer
    /// returned.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        var inbound = Socket;
        var source = new SocketAddress(inbound.AddressFamily);

        try
        {
            // The synchronous receives below then fail with WouldBlock instead of parking a pool thread on a
            // borrowed buffer, should a peek ever wake with nothing to take; the asynchronous peek and send are
            // unaffected.
            inbound.Blocking = false;
        }
        catch (ObjectDisposedException)
        {
            // Closed before the loop began: the pool closed while binding.
            return;
        }

        // The port serves call after call, so only closing it ends the loop: anything else that goes wrong costs at
        // most the datagrams in hand, never the port.
        while (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                await inbound.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
            {
                // Windows reports a queued datagram longer than the empty peek this way (Linux completes with 0
                // bytes); either way there is a datagram to take.
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // ICMP port-unreachable from an earlier send surfaces here as ConnectionReset; closing, as aborted.
                continue;
            }

            try
            {
                await ForwardQueuedAsync(inbound, source);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A fault in one round must not silence the port for every later call; the pause keeps a fault
                // that recurs on a datagram still queued from spinning a pool thread.
                Interlocked.Increment(ref _faults);
                await Task.Delay(FaultPause);
            }
        }
    }

    /// <summary>Takes the queued datagrams (at most <see cref="MaxBurst"/>) and forwards each along the attached route.</summary>
    private async Task ForwardQueuedAsync(Socket inbound, SocketAddress source)
    {
        var buffer = _buffers.Rent(MaxPacket + 1);
        try
        {
            var taken = 0;
            do
            {
                int length;
                try
                {
                    length = inbound.ReceiveFrom(buffer.AsSpan(0, MaxPacket + 1), SocketFlags.None, source);
                }
                catch (SocketException)
                {
                    // A reported ICMP error as above, or WouldBlock: nothing to take, so back to waiting.
                    break;
                }

                if (length > MaxPacket || Volatile.Read(ref _route) is not { } route || route.Relay.TargetFor(source, route) is not { } target)
                {
                    continue;
                }

                try
                {
                    // Asynchronous so a full send buffer never blocks a pool thread; a UDP send completes at once in
                    // practice, so the buffer is held no longer than the copy into the kernel.
                    await route.Outbound.Socket.SendToAsync(buffer.AsMemory(0, length), SocketFlags.None, target);
                    route.Relay.Forwarded();
                }
                catch (SocketException)
                {
                    // A lost media packet is the normal failure of UDP; the next one may get through.
                }
            }
            while (++taken < MaxBurst && HasQueued(inbound));
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    private static bool HasQueued(Socket socket)
    {
        try
        {
            return socket.Available > 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The next peek finds out; a loop must not fault on the question.
            return false;
        }
    }
}
