using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Media;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Routing;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

/// <summary>Anchoring a call's media on this edge's relay: SDP offers and answers rewritten to the relay's ports.</summary>
public sealed class MediaAnchor(MediaRelayTable relays, IOptions<MediaOptions> mediaOptions, EdgeMetrics metrics, ILogger<MediaAnchor> logger)
{
    /// <summary>
    /// At most one warning per period when the port range is full: at 1,000 calls/s one line per call was thousands
    /// of lines a second, and writing them took CPU from the calls that still had ports.
    /// </summary>
    private const long ExhaustionLogPeriodMilliseconds = 10_000;

    private readonly string _mediaAddress = mediaOptions.Value.Address;
    private long _unrelayedSinceLog;
    private long _lastExhaustionLog = -ExhaustionLogPeriodMilliseconds;

    public static ReadOnlyMemory<byte> OfferFor(CallSession session, CallTarget target) =>
        session.CalleeOffer is { } anchored && target.RelayMedia ? anchored : session.CallerOffer;

    /// <summary>Anchors media: the callees are offered the relay's callee side, the caller's real address is remembered.</summary>
    public void OpenRelay(CallSession session)
    {
        var relay = relays.Open(session.CallId);
        if (relay is null)
        {
            // Out of relay ports: the call still goes ahead with end-to-end media rather than failing.
            ReportExhausted(session);
            return;
        }

        var party = SdpRelayRewriter.Rewrite(session.CallerOffer.Span, _mediaAddress, relay.Callee.LocalRtpPort, out var offer);
        if (offer is null)
        {
            _ = relays.CloseAsync(session.CallId);
            return;
        }

        if (party is not null)
        {
            relay.Caller.Signal(party, moved: false);
        }

        session.Relay = relay;
        session.CalleeOffer = offer;
    }

    /// <summary>The callee's SDP pointed at the caller side of the relay; the callee's real address remembered.</summary>
    public byte[]? AnchorAnswer(CallSession session, CalleeLeg leg, SipResponse response)
    {
        if (response.Body.IsEmpty)
        {
            return null;
        }

        if (session.Relay is not { } relay || !leg.Target.RelayMedia)
        {
            return response.Body.ToArray();
        }

        var party = SdpRelayRewriter.Rewrite(response.Body.Span, _mediaAddress, relay.Caller.LocalRtpPort, out var rewritten);
        if (party is not null)
        {
            relay.Callee.Signal(party, moved: false);
        }

        return rewritten ?? response.Body.ToArray();
    }

    /// <summary>The relay of a call, when its media is anchored here.</summary>
    public MediaRelay? Find(string callId) => relays.Find(callId);

    /// <summary>
    /// SDP from <paramref name="from"/>'s party, pointed at <paramref name="to"/>'s relay port; other bodies
    /// (INFO payloads) pass unchanged. A moved party (new address in the offer) is followed, RFC 3264 §8.3.1.
    /// </summary>
    public ReadOnlyMemory<byte> Anchor(SipMessage message, MediaRelaySide? from, MediaRelaySide? to)
    {
        if (message.Body.IsEmpty || from is null || to is null
            || !string.Equals(message.ContentType, "application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            return message.Body;
        }

        var party = SdpRelayRewriter.Rewrite(message.Body.Span, _mediaAddress, to.LocalRtpPort, out var rewritten);
        if (party is not null && !party.Equals(from.Rtp.Endpoint) && !from.Rtp.IsLatched)
        {
            from.Signal(party, moved: true);
        }

        return rewritten ?? message.Body;
    }

    private void ReportExhausted(CallSession session)
    {
        metrics.RelayUnavailable();
        var calls = Interlocked.Increment(ref _unrelayedSinceLog);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastExhaustionLog);
        if (now - last >= ExhaustionLogPeriodMilliseconds && Interlocked.CompareExchange(ref _lastExhaustionLog, now, last) == last)
        {
            Interlocked.Add(ref _unrelayedSinceLog, -calls);
            EdgeLog.RelayPortsExhausted(logger, calls, session.CallId, session.CallerDialog.LegCallId);
        }
    }
}
