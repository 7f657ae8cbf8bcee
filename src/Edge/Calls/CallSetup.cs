using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Routing;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

/// <summary>An identified caller's INVITE: the caller leg, the call grain's decision, the media relay, the callee legs.</summary>
public sealed class CallSetup(
    CallGrainLink link,
    ClusterGuard guard,
    SipResponder responder,
    MediaAnchor media,
    CalleeLegs legs,
    HangupHandler hangups,
    SessionTeardown teardown,
    RingTimer ringTimer,
    LogRedaction redaction,
    ILogger<CallSetup> logger)
{
    public async Task StartCallAsync(InboundRequest inbound, CallOrigin origin, long started)
    {
        var request = inbound.Request;
        var callId = CallKeys.NewCallId();
        // Only a 100 Trying (no To tag, RFC 3261 §8.2.6.2) has gone out, so this is the first tag the caller sees.
        inbound.LocalTag = DialogTag.For(callId);
        var callerDialog = new LegDialog(
            request.CallId,
            LegRole.Caller,
            inbound.LocalTag,
            request.From.Tag,
            request.To.Uri.ToString(),
            PartyStrings.Share(request.From.Uri.ToString()),
            0,
            request.CSeq.Number,
            PartyStrings.Share(request.Contacts.FirstOrDefault()?.Uri?.ToString() ?? request.From.Uri.ToString()),
            [.. request.RecordRoutes.Select(r => r.ToString())],
            link.EdgeId,
            TransportMapping.ToAddress(inbound.Source),
            MessageBodies.Text(request),
            null);
        var session = new CallSession(callId, link.Call(callId), origin.TenantId, inbound, callerDialog, started)
        {
            CallerNumber = origin.CallerNumber,
            CallerName = origin.CallerName,
            CallerOffer = request.Body,
        };
        if (!teardown.TryOpen(session))
        {
            // A second initial INVITE on the Call-ID of a call this edge holds (a new From tag or CSeq, so not a
            // retransmission): the two calls' in-dialog requests could not be told apart here.
            await responder.RespondAsync(inbound, 500, "Call-ID already in use");
            return;
        }

        inbound.Owner = session;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var callee = request.RequestUri.User ?? string.Empty;
            EdgeLog.CallStarted(logger, callId, redaction.Show(origin.CallerNumber), redaction.Show(callee), redaction.Show(request.CallId));
        }

        var start = new CallStart(origin, request.RequestUri.User ?? string.Empty, request.RequestUri.ToString(), callerDialog);
        var decision = await guard.IdempotentAsync(_ => session.Grain.Start(start), CancellationToken.None);
        if (inbound.IsCompleted)
        {
            // The caller cancelled while the grain decided (§9.2): tell the grain, start nothing.
            await hangups.HangupAsync(callId, callerDialog.LegCallId, HangupKind.Cancel, "cancelled before routing");
            await teardown.EndSessionAsync(session, "cancelled");
            return;
        }

        if (!decision.Accepted)
        {
            await responder.RespondAsync(inbound, decision.Status, string.IsNullOrEmpty(decision.Reason) ? null : decision.Reason);
            await teardown.EndSessionAsync(session, $"{decision.Status} {decision.Reason}");
            return;
        }

        if (decision.RelayMedia && !request.Body.IsEmpty)
        {
            media.OpenRelay(session);
        }

        var targets = decision.Strategy == ForkStrategy.Parallel ? decision.Targets : decision.Targets.Take(1);
        await Task.WhenAll(targets.Select(t => legs.StartLegAsync(session, t)));
        session.EmergencyRingTimeout = decision.Direction == CallDirection.Emergency ? decision.RingTimeout : TimeSpan.Zero;
        ringTimer.Start(session);
    }
}
