using Microsoft.Extensions.Logging;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Transport;

/// <summary>
/// First stop of every received message: copy it out of the transport's buffer, parse, count, and hand it to
/// the dispatcher on the thread pool. Malformed input is counted and dropped (or answered 400 when the parser
/// could still read enough to answer); no exception ever reaches the transport's receive loop.
/// </summary>
public sealed class SipInbound(SipDispatcher dispatcher, EdgeMetrics metrics, ILogger<SipInbound> logger)
{
    private readonly SipParser _parser = new();

    /// <summary>The transport handler (<see cref="SipMessageHandler"/>).</summary>
    public void OnMessage(ReadOnlyMemory<byte> message, SipEndPoint source)
    {
        try
        {
            // Keep-alives (RFC 5626 §3.5.1 CRLF pings) carry no message.
            if (message.Span.Trim("\r\n"u8).IsEmpty)
            {
                return;
            }

            var copy = message.ToArray();
            var result = _parser.ParseDatagram(copy.AsMemory());
            if (result.Message is not { } parsed)
            {
                metrics.ParseError(TransportMapping.ViaToken(source.Kind));
                EdgeLog.Malformed(logger, source.ToString(), TransportMapping.ViaToken(source.Kind), result.ToString());
                return;
            }

            metrics.MessageIn(parsed is SipRequest request ? request.Method.Name : EdgeMetrics.ResponseClass(((SipResponse)parsed).StatusCode));
            // The scope flows into every continuation of the handling, so all its log lines carry the Call-ID.
            using (logger.BeginScope(CallLogScope.Sip(parsed.CallId)))
            {
                _ = ObserveAsync(dispatcher.Dispatch(parsed, source), parsed, source);
            }
        }
        catch (Exception ex)
        {
            metrics.ParseError(TransportMapping.ViaToken(source.Kind));
            EdgeLog.HandlerFailed(logger, ex, source.ToString(), "?");
        }
    }

    private async Task ObserveAsync(Task handling, SipMessage message, SipEndPoint source)
    {
        try
        {
            await handling;
        }
        catch (Exception ex)
        {
            EdgeLog.HandlerFailed(logger, ex, source.ToString(), message.CallId);
        }
    }
}
