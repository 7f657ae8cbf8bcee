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
/// The loop holds no buffer while it waits: a buffer is borrowed only to take the queued datagrams and forward them,
/// and nothing is allocated per packet.
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

    private readonly ArrayPool<byte> _buffers;
    private RelayRoute? _route;
    private int _disposed;

    internal RelaySocket(Socket socket, ArrayPool<byte> buffers)
    {
        Socket = socket;
        _buffers = buffers;
        Loop = ReceiveLoopAsync();
    }

    internal Socket Socket { get; }

    /// <summary>Ends when the socket is closed.</summary>
    internal Task Loop { get; }

    internal void Attach(RelayRoute route) => Volatile.Write(ref _route, route);

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
    /// returned. The peek and the send complete through the socket's cached awaitable and this loop's one state
    /// machine, so no packet allocates.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        var inbound = Socket;
        var source = new SocketAddress(inbound.AddressFamily);
        try
        {
            // The synchronous receives below then fail with WouldBlock instead of parking a pool thread on a borrowed
            // buffer, should a peek ever wake with nothing to take; the asynchronous peek and send are unaffected.
            inbound.Blocking = false;
            while (true)
            {
                try
                {
                    await inbound.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is not (SocketError.MessageSize or SocketError.OperationAborted or SocketError.Interrupted))
                {
                    // ICMP port-unreachable from an earlier send surfaces here as ConnectionReset; the stream goes on.
                    continue;
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
                {
                    // Windows reports a queued datagram longer than the empty peek this way (Linux completes with 0
                    // bytes); either way there is a datagram to take.
                }

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
                            // Asynchronous so a full send buffer never blocks a pool thread; a UDP send completes at
                            // once in practice, so the buffer is held no longer than the copy into the kernel. Awaited
                            // here, not in a helper, so a send that does wait reuses this loop's state machine.
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
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The port was closed: the edge is stopping.
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
