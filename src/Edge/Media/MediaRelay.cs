using System.Net;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Media;

/// <summary>
/// Media anchoring for one call: packets the caller sends to its side are forwarded to the callee and back, RTP
/// and RTCP alike, from the latched source only (<see cref="RelayPeer"/>). The call holds two port pairs from the
/// pool and routes their four sockets' receive loops (<see cref="RelaySocket"/>) to each other while it lasts.
/// </summary>
public sealed class MediaRelay : IAsyncDisposable
{
    private readonly EdgeMetrics _metrics;
    private readonly RelayRoute[] _routes;
    private long _forwarded;
    private long _dropped;
    private int _disposed;

    internal MediaRelay(string callId, RtpPortPair callerPorts, RtpPortPair calleePorts, EdgeMetrics metrics)
    {
        CallId = callId;
        _metrics = metrics;
        Caller = new MediaRelaySide(callerPorts);
        Callee = new MediaRelaySide(calleePorts);
        _routes =
        [
            new RelayRoute(this, Caller.Rtp, Callee.Ports.Rtp, Callee.Rtp),
            new RelayRoute(this, Caller.Rtcp, Callee.Ports.Rtcp, Callee.Rtcp),
            new RelayRoute(this, Callee.Rtp, Caller.Ports.Rtp, Caller.Rtp),
            new RelayRoute(this, Callee.Rtcp, Caller.Ports.Rtcp, Caller.Rtcp),
        ];
        try
        {
            callerPorts.Rtp.Attach(_routes[0]);
            callerPorts.Rtcp.Attach(_routes[1]);
            calleePorts.Rtp.Attach(_routes[2]);
            calleePorts.Rtcp.Attach(_routes[3]);
        }
        catch
        {
            // Whatever was attached is let go, so the ports serve later calls.
            _ = DisposeAsync();
            throw;
        }
    }

    public string CallId { get; }

    /// <summary>The side facing the caller: the caller sends here, the callee's packets leave from here.</summary>
    public MediaRelaySide Caller { get; }

    /// <summary>The side facing the callee.</summary>
    public MediaRelaySide Callee { get; }

    public long PacketsForwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Packets that came from a source other than the latched party's and were dropped.</summary>
    public long PacketsDropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Detaches the call from its ports and returns them to the pool. Packets that reach the ports from now on go
    /// nowhere; one a loop has already taken may still be forwarded to this call's parties.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Caller.Ports.Rtp.Detach(_routes[0]);
            Caller.Ports.Rtcp.Detach(_routes[1]);
            Callee.Ports.Rtp.Detach(_routes[2]);
            Callee.Ports.Rtcp.Detach(_routes[3]);
            Caller.Ports.Dispose();
            Callee.Ports.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    internal void Forwarded() => Interlocked.Increment(ref _forwarded);

    /// <summary>Where a packet from <paramref name="source"/> on <paramref name="route"/> goes: null when it is dropped.</summary>
    internal SocketAddress? TargetFor(SocketAddress source, RelayRoute route)
    {
        // Only the party's own packets go on (RelayPeer explains the latch): an outsider spraying the port
        // range neither injects audio nor, by sending first, takes over where the other party's audio goes.
        if (!route.Sender.Accept(source))
        {
            Interlocked.Increment(ref _dropped);
            _metrics.MediaDropped();
            return null;
        }

        return route.Receiver.Address;
    }
}
