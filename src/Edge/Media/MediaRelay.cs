using System.Net;
using System.Buffers;
using System.Net.Sockets;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Media;

/// <summary>
/// Media anchoring for one call: packets the caller sends to its side are forwarded to the callee and back, RTP
/// and RTCP alike, from the latched source only (<see cref="RelayPeer"/>). Four receive loops, each on one pooled
/// buffer; nothing is allocated per packet.
/// </summary>
public sealed class MediaRelay : IAsyncDisposable
{
    // Larger than any RTP packet on an Ethernet path (1500 MTU); oversize datagrams are truncated and dropped.
    private const int BufferSize = 2048;

    /// <summary>How long the loops get to leave on their own before their receives are cancelled (which throws).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _pumps;
    private readonly EdgeMetrics _metrics;
    private long _forwarded;
    private long _dropped;
    private int _disposed;
    private volatile bool _stopping;

    internal MediaRelay(string callId, RtpPortPair callerPorts, RtpPortPair calleePorts, EdgeMetrics metrics)
    {
        CallId = callId;
        _metrics = metrics;
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

    private async Task PumpAsync(Socket inbound, RelayPeer sender, Socket outbound, RelayPeer receiver)
    {
        await Task.Yield();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var source = new SocketAddress(inbound.AddressFamily);
        var token = _stop.Token;
        try
        {
            while (!_stopping)
            {
                int length;
                try
                {
                    length = await inbound.ReceiveFromAsync(buffer.AsMemory(0, BufferSize), SocketFlags.None, source, token);
                }
                catch (SocketException)
                {
                    // ICMP port-unreachable from an earlier send surfaces here as ConnectionReset; the stream goes on.
                    continue;
                }

                if (_stopping)
                {
                    break;
                }

                // Only the party's own packets go on (RelayPeer explains the latch): an outsider spraying the port
                // range neither injects audio nor, by sending first, takes over where the other party's audio goes.
                if (!sender.Accept(source))
                {
                    Interlocked.Increment(ref _dropped);
                    _metrics.MediaDropped();
                    continue;
                }

                if (receiver.Address is not { } target)
                {
                    continue;
                }

                try
                {
                    await outbound.SendToAsync(buffer.AsMemory(0, length), SocketFlags.None, target, token);
                    Interlocked.Increment(ref _forwarded);
                }
                catch (SocketException)
                {
                    // A lost media packet is the normal failure of UDP; the next one may get through.
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Relay closed: the call ended.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
