using Microsoft.Extensions.Logging;
using Switchboard.Edge.Security;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Observability;
using Switchboard.Sip;
using Switchboard.Sip.Transports;
using Switchboard.Telemetry;

namespace Switchboard.Edge.Transport;

/// <summary>
/// First stop of every received message: copy it out of the transport's buffer, parse, count, and hand it to
/// the dispatcher. Only a message the parser accepts goes on: a rejected request is answered
/// statelessly with the status its defect calls for (400, 416, 505, 513) and a rejected response is dropped, so
/// nothing malformed ever reaches the transaction layer or call control (RFC 4475 §3.1.2, §3.3). No exception
/// ever reaches the transport's receive loop. Before any of that, a banned source is dropped without even a copy,
/// and a request from a known scanner's User-Agent right after parsing: neither gets an answer, which is what
/// makes a scanner move on (an answer, even 403, confirms a SIP server is here).
/// </summary>
public sealed class SipInbound(
    SipDispatcher dispatcher,
    SipOutbound outbound,
    BannedSources bans,
    ScannerFilter scanners,
    EdgeMetrics metrics,
    LogRedaction redaction,
    LogScopes scopes,
    ILogger<SipInbound> logger)
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

            if (bans.IsBanned(source.Remote.Address))
            {
                metrics.Dropped("banned");
                return;
            }

            var copy = message.ToArray();
            var result = _parser.ParseDatagram(copy.AsMemory());
            if (!result.IsComplete)
            {
                Reject(result.Message, result.Error, source);
                return;
            }

            var parsed = result.Message!;
            if (parsed is SipRequest && parsed.TryGetHeader(KnownHeader.UserAgent, out var userAgent) && scanners.IsScanner(userAgent))
            {
                metrics.Dropped("scanner");
                parsed.Dispose();
                return;
            }

            if (Defect(parsed) is { } defect)
            {
                Reject(parsed, defect, source);
                return;
            }

            // What is kept (an INVITE lives as long as its call) keeps exact-size arrays, and the pooled index goes back.
            parsed.Compact();
            metrics.MessageIn(parsed is SipRequest request ? request.Method.Name : EdgeMetrics.ResponseClass(((SipResponse)parsed).StatusCode));
            // The scope flows into every continuation of the handling, so all its log lines carry the Call-ID (masked
            // like the lines themselves: a provider that writes scopes writes them at every level).
            using (scopes.Enabled ? logger.BeginScope(CallLogScope.Sip(redaction.Show(parsed.CallId))) : null)
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

    /// <summary>
    /// What the parser leaves to its caller: a REGISTER's Contact, Expires and Path are stored as bindings, so they
    /// are validated in full before the registrar trusts them (RFC 4475 §3.1.2.13 regbadct). INVITE is left to the
    /// B2BUA's own reads to keep the call path's parse cost as measured in docs/benchmarks.md.
    /// </summary>
    private static SipParseError? Defect(SipMessage message) =>
        message is SipRequest { Method.Kind: SipMethodKind.Register } register ? register.Validate() : null;

    /// <summary>
    /// Answers a rejected request without a transaction (RFC 3261 §8.2.6: the response copies Via, From, Call-ID
    /// and CSeq; a retransmission is simply answered again), or drops what cannot be answered: responses
    /// (§18.1.2), ACK (§17.1.1.3) and requests missing what a response needs (RFC 4475 §3.3.8 insuf).
    /// </summary>
    private void Reject(SipMessage? rejected, SipParseError error, SipEndPoint source)
    {
        var transport = TransportMapping.ViaToken(source.Kind);
        metrics.ParseError(transport);
        using (rejected)
        {
            EdgeLog.Malformed(logger, source.ToString(), transport, error.ToString());
            if (rejected is not SipRequest request || !error.CanRespond || request.Method.Kind == SipMethodKind.Ack)
            {
                return;
            }

            var answer = SipResponseBuilder.ForRejection(request, error).WithToTag(SipIdGenerator.NewTag()).AddHeader("Server", "Switchboard");
            _ = SendAsync(answer.ToArray(), source, EdgeMetrics.ResponseClass(answer.StatusCode));
        }
    }

    private async Task SendAsync(byte[] answer, SipEndPoint destination, string label)
    {
        try
        {
            await outbound.SendAsync(answer, destination, label);
        }
        catch (Exception ex)
        {
            EdgeLog.HandlerFailed(logger, ex, destination.ToString(), "?");
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
