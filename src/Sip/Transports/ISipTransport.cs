using System.Net;

namespace Switchboard.Sip.Transports;

/// <summary>One listening transport (a UDP socket, a TCP or TLS listener with its connections).</summary>
public interface ISipTransport : IAsyncDisposable
{
    SipTransportKind Kind { get; }

    /// <summary>The bound address and port (the real port when 0 was configured); null before <see cref="Start"/>.</summary>
    IPEndPoint? LocalEndPoint { get; }

    SipTransportStats Stats { get; }

    /// <summary>Binds and starts the receive loops; received messages go to the handler given at construction.</summary>
    void Start();

    /// <summary>
    /// Sends one serialized message. For TCP/TLS the connection named by <see cref="SipEndPoint.ConnectionId"/>, else
    /// any connection to <see cref="SipEndPoint.Remote"/>, else a new one. Returns false on a transport error
    /// (RFC 3261 §17.1.4 / §17.2.4: the transaction layer reports it to the TU) rather than throwing.
    /// </summary>
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken = default);

    /// <summary>Whether this transport can reach <paramref name="remote"/> (address family and dual-mode).</summary>
    bool CanReach(IPEndPoint remote);
}
