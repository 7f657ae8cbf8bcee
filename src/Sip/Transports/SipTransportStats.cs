namespace Switchboard.Sip.Transports;

/// <summary>
/// Counters for one transport, updated lock-free on the hot path and read by <see cref="SipTransportMetrics"/>
/// or tests. Every drop is counted here: a transport loop never lets an exception escape.
/// </summary>
public sealed class SipTransportStats
{
    private long _messagesReceived;
    private long _messagesSent;
    private long _bytesReceived;
    private long _bytesSent;
    private long _malformedDropped;
    private long _oversizedDropped;
    private long _keepAlives;
    private long _sendFailures;
    private long _handlerFailures;
    private long _receiveErrors;
    private long _connectionsAccepted;
    private long _connectionsOpened;
    private long _connectionsClosed;
    private long _connectionsRejected;
    private long _idleConnectionsClosed;
    private long _tlsHandshakeFailures;

    public long MessagesReceived => Volatile.Read(ref _messagesReceived);

    public long MessagesSent => Volatile.Read(ref _messagesSent);

    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Frames that could not be delimited (no Content-Length on a stream, bad value, empty datagram).</summary>
    public long MalformedDropped => Volatile.Read(ref _malformedDropped);

    /// <summary>Messages refused for exceeding <see cref="SipTransportOptions.MaxMessageSize"/>.</summary>
    public long OversizedDropped => Volatile.Read(ref _oversizedDropped);

    /// <summary>RFC 5626 §3.5.1 CRLF keep-alives received.</summary>
    public long KeepAlives => Volatile.Read(ref _keepAlives);

    public long SendFailures => Volatile.Read(ref _sendFailures);

    /// <summary>Messages whose handler threw; the loop carried on.</summary>
    public long HandlerFailures => Volatile.Read(ref _handlerFailures);

    public long ReceiveErrors => Volatile.Read(ref _receiveErrors);

    public long ConnectionsAccepted => Volatile.Read(ref _connectionsAccepted);

    public long ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    public long ConnectionsClosed => Volatile.Read(ref _connectionsClosed);

    /// <summary>Inbound connections refused because <see cref="SipTransportOptions.MaxConnections"/> was reached.</summary>
    public long ConnectionsRejected => Volatile.Read(ref _connectionsRejected);

    public long IdleConnectionsClosed => Volatile.Read(ref _idleConnectionsClosed);

    public long TlsHandshakeFailures => Volatile.Read(ref _tlsHandshakeFailures);

    internal void Received(int bytes)
    {
        Interlocked.Increment(ref _messagesReceived);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    internal void Sent(int bytes)
    {
        Interlocked.Increment(ref _messagesSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void Malformed() => Interlocked.Increment(ref _malformedDropped);

    internal void Oversized() => Interlocked.Increment(ref _oversizedDropped);

    internal void KeepAlive() => Interlocked.Increment(ref _keepAlives);

    internal void SendFailed() => Interlocked.Increment(ref _sendFailures);

    internal void HandlerFailed() => Interlocked.Increment(ref _handlerFailures);

    internal void ReceiveError() => Interlocked.Increment(ref _receiveErrors);

    internal void Accepted() => Interlocked.Increment(ref _connectionsAccepted);

    internal void Opened() => Interlocked.Increment(ref _connectionsOpened);

    internal void Closed() => Interlocked.Increment(ref _connectionsClosed);

    internal void Rejected() => Interlocked.Increment(ref _connectionsRejected);

    internal void IdleClosed() => Interlocked.Increment(ref _idleConnectionsClosed);

    internal void HandshakeFailed() => Interlocked.Increment(ref _tlsHandshakeFailures);
}
