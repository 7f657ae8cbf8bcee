using System.Net;
using System.Buffers;
using System.Net.Sockets;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Media;

/// <summary>
/// Media anchoring for one call: packets the caller sends to its side are forwarded to the callee and back, RTP
/// and RTCP alike, from the latched source only (<see cref="RelayPeer"/>). Four receive loops that hold no buffer
/// while they wait: a buffer is borrowed from the pool only to take the queued datagrams and forward them. Nothing
/// is allocated per packet.
/// </summary>
public sealed class MediaRelay : IAsyncDisposable
{
    // Larger than any RTP packet on an Ethernet path (1500 MTU). Datagrams are received into one byte more, so an
    // oversize one shows as longer than this and is dropped, not forwarded truncated (a cut SRTP packet fails its tag).
    private const int MaxPacket = 2048;

    /// <summary>
    /// Datagrams taken per wake-up before the loop waits again, so one flooded socket cannot keep a pool thread forever.
    /// </summary>
    private const int MaxBurst = 32;

    /// <summary>How long the loops get to leave on their own before their receives are cancelled (which throws).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _pumps;
    private readonly EdgeMetrics _metrics;
    private readonly ArrayPool<byte> _buffers;
    private long _forwarded;
    private long _dropped;
    private int _disposed;
    private volatile bool _stopping;

    /// <param name="buffers">Where the loops borrow their receive buffers; the shared pool unless a test counts them.</param>
    internal MediaRelay(string callId, RtpPortPair callerPorts, RtpPortPair calleePorts, EdgeMetrics metrics, ArrayPool<byte>? buffers = null)
    {
        CallId = callId;
        _metrics = metrics;
        _buffers = buffers ?? ArrayPool<byte>.Shared;
        Caller = new MediaRelaySide(callerPorts);
        Callee = new MediaRelaySide(calleePorts);
        _pumps =
        [
            PumpAsync(Caller.Ports.Rtp, Caller.Rtp, Callee.Ports.Rtp, Callee.Rtp),
            PumpAsync(Caller.Ports.Rtcp, Caller.Rtcp, Callee.Ports.Rtcp, Callee.Rtcp),
            PumpAsync(Callee.Ports.Rtp, Callee.Rtp, Caller.Ports.Rtp, Caller.Rtp),
            PumpAsync(Callee.Ports.Rtcp, Callee.Rtcp, Caller.Ports.Rtcp, Caller.Rtcp),
        ];
    }

    public string CallId { get; }

    /// <summary>The side facing the caller: the caller sends here, the callee's packets leave from here.</summary>
    public MediaRelaySide Caller { get; }

    /// <summary>The side facing the callee.</summary>
    public MediaRelaySide Callee { get; }

    public long PacketsForwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Packets that came from a source other than the latched party's and were dropped.</summary>
    public long PacketsDropped => Interlocked.Read(ref _dropped);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Each loop is woken by an empty datagram to its own socket and leaves on the flag. Cancelling a pending
        // receive throws instead, and those four exceptions per call were most of the process's exceptions at load.
        _stopping = true;
        foreach (var socket in new[] { Caller.Ports.Rtp, Caller.Ports.Rtcp, Callee.Ports.Rtp, Callee.Ports.Rtcp })
        {
            Wake(socket);
        }

        var pumps = Task.WhenAll(_pumps);
        try
        {
            await pumps.WaitAsync(StopGrace);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync();
        }

        Caller.Dispose();
        Callee.Dispose();
        await pumps;
        _stop.Dispose();
    }

    private static void Wake(Socket socket)
    {
        try
        {
            socket.SendTo([], SocketFlags.None, socket.LocalEndPoint!);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The grace period and the cancellation end that loop instead.
        }
    }

    /// <summary>
    /// One direction of one stream. The wait is a zero-length MSG_PEEK receive: on Linux (.NET 10) it stays pending
    /// until a datagram is queued, then completes with 0 bytes and leaves the datagram where it is, so the loop holds
    /// no buffer between packets (four 2 KB buffers per call idle otherwise, 80 MB at 10,000 calls). Only then is a
    /// buffer rented, the queued datagrams taken with non-blocking synchronous receives (the peek guarantees the first;
    /// <see cref="Socket.Available"/> the next ones, up to <see cref="MaxBurst"/>; on Linux it is the next datagram's
    /// length, so an empty one ends the round early and the next peek completes at once), forwarded, and the buffer
    /// returned.
    /// The peek and the send complete through the socket's cached awaitable and this loop's one state machine, so no
    /// packet allocates. A zero-length datagram (the stop wake-up) wakes the peek like any other.
    /// </summary>
    private async Task PumpAsync(Socket inbound, RelayPeer sender, Socket outbound, RelayPeer receiver)
    {
        await Task.Yield();
        var source = new SocketAddress(inbound.AddressFamily);
        var token = _stop.Token;
        try
        {
            // The synchronous receives below then fail with WouldBlock instead of parking a pool thread on a borrowed
            // buffer, should a peek ever wake with nothing to take; the asynchronous peek and send are unaffected.
            inbound.Blocking = false;
            while (!_stopping)
            {
                try
                {
                    await inbound.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek, token);
                }
                catch (SocketException ex) when (ex.SocketErrorCode != SocketError.MessageSize)
                {
                    // ICMP port-unreachable from an earlier send surfaces here as ConnectionReset; the stream goes on.
                    continue;
                }
                catch (SocketException)
                {
                    // MessageSize: Windows reports a queued datagram longer than the empty peek this way (Linux
                    // completes with 0 bytes); either way there is a datagram to take.
                }

                if (_stopping)
                {
                    break;
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

                        if (_stopping)
                        {
                            break;
                        }

                        if (length > MaxPacket || TargetFor(source, sender, receiver) is not { } target)
                        {
                            continue;
                        }

                        try
                        {
                            // Asynchronous so a full send buffer never blocks a pool thread; a UDP send completes at
                            // once in practice, so the buffer is held no longer than the copy into the kernel. Awaited
                            // here, not in a helper, so a send that does wait reuses this loop's state machine.
                            await outbound.SendToAsync(buffer.AsMemory(0, length), SocketFlags.None, target, token);
                            Interlocked.Increment(ref _forwarded);
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
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Relay closed: the call ended.
        }
    }

    private static bool HasQueued(Socket socket)
    {
        try
        {
            return socket.Available > 0;
        }
        catch (SocketException)
        {
            // The next peek finds out; a loop must not fault on the question.
            return false;
        }
    }

    /// <summary>Where a packet from <paramref name="source"/> goes: null when it is dropped or nobody is known to send it to.</summary>
    private SocketAddress? TargetFor(SocketAddress source, RelayPeer sender, RelayPeer receiver)
    {
        // Only the party's own packets go on (RelayPeer explains the latch): an outsider spraying the port
        // range neither injects audio nor, by sending first, takes over where the other party's audio goes.
        if (!sender.Accept(source))
        {
            Interlocked.Increment(ref _dropped);
            _metrics.MediaDropped();
            return null;
        }

        return receiver.Address;
    }
}
