using System.Net;
using Microsoft.Extensions.Logging;

namespace Switchboard.Sip.Transports;

/// <summary>Source-generated transport logs. Message contents never reach a log (they may carry credentials).</summary>
internal static partial class SipTransportLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "SIP {Kind} listening on {LocalEndPoint}")]
    public static partial void Listening(ILogger logger, SipTransportKind kind, IPEndPoint localEndPoint);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "SIP {Kind} dropped a frame from {Remote}: {Reason}")]
    public static partial void Dropped(ILogger logger, SipTransportKind kind, IPEndPoint remote, SipFrameStatus reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "SIP {Kind} message handler failed for a message from {Remote}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, SipTransportKind kind, IPEndPoint remote);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "SIP {Kind} receive error")]
    public static partial void ReceiveError(ILogger logger, Exception exception, SipTransportKind kind);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "SIP {Kind} send to {Remote} failed")]
    public static partial void SendFailed(ILogger logger, Exception exception, SipTransportKind kind, IPEndPoint remote);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "SIP {Kind} connection {ConnectionId} with {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, SipTransportKind kind, long connectionId, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "SIP {Kind} refused a connection from {Remote}: {MaxConnections} connections open")]
    public static partial void ConnectionRejected(ILogger logger, SipTransportKind kind, IPEndPoint? remote, int maxConnections);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "SIP TLS handshake with {Remote} failed")]
    public static partial void HandshakeFailed(ILogger logger, Exception exception, IPEndPoint remote);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "SIP TLS is using a generated self-signed certificate ({Subject}); for development only")]
    public static partial void SelfSigned(ILogger logger, string subject);
}
