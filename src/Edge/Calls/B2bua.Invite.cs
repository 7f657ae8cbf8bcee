using System.Diagnostics;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Routing;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

public sealed partial class B2bua
{
    /// <summary>An initial INVITE (no To tag): identify the caller, let the call grain route, start the callee legs.</summary>
    public async Task OnInviteAsync(InboundRequest inbound)
    {
        if (state.IsDraining)
        {
            await responder.ServiceUnavailableAsync(inbound, "Edge Draining");
            return;
        }

        if (!guard.IsAvailable)
        {
            // Never make a phone wait for a cluster we know is away: 503 with Retry-After at once (RFC 3261 §21.5.4).
            metrics.ClusterRejection("INVITE");
            await responder.ServiceUnavailableAsync(inbound, "Cluster Unavailable");
            return;
        }

        // §8.2.6.1 / §17.2.1: 100 Trying at once stops the caller's INVITE retransmissions while the grain decides.
        await responder.RespondAsync(inbound, 100);
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (await IdentifyAsync(inbound) is { } origin)
            {
                await StartCallAsync(inbound, origin, started);
            }
        }
        catch (ClusterUnavailableException)
        {
            metrics.ClusterRejection("INVITE");
            EdgeLog.ClusterUnavailable(logger, (inbound.Owner as CallSession)?.CallId ?? "-", inbound.Request.CallId);
            await responder.ServiceUnavailableAsync(inbound, "Cluster Unavailable");
            if (inbound.Owner is CallSession session)
            {
                await EndSessionAsync(session, "cluster unavailable");
            }
        }
    }

    /// <summary>A carrier is known by its source address; a phone proves who it is with digest (407, RFC 3261 §22.3).</summary>
    private async Task<CallOrigin?> IdentifyAsync(InboundRequest inbound)
    {
        var request = inbound.Request;
        var from = request.From;
        var trunk = await tenants.ResolveTrunkAsync(inbound.Source.Remote.Address.ToString(), CancellationToken.None);
        if (trunk is not null)
        {
            return new CallOrigin(CallOriginKind.Trunk, trunk.TenantId, null, trunk.TrunkId, from.Uri.User ?? "anonymous", from.DisplayName);
        }

        var user = from.Uri.User;
        var tenantId = user is null ? null : await tenants.ResolveAsync(from.Uri.Host, CancellationToken.None);
        if (tenantId is null || user is null)
        {
            await gate.RefuseAsync(inbound, "unknown domain");
            return null;
        }

        var auth = await gate.AuthenticateAsync(inbound, tenantId, from.Uri.Host, user, CancellationToken.None);
        return auth.Authenticated ? new CallOrigin(CallOriginKind.Extension, tenantId, user, null, user, from.DisplayName) : null;
    }

    private async Task StartCallAsync(InboundRequest inbound, CallOrigin origin, long started)
    {
        var request = inbound.Request;
        var callId = CallKeys.NewCallId();
        inbound.LocalTag ??= SipIdGenerator.NewTag();
        var callerDialog = new LegDialog(
            request.CallId,
            LegRole.Caller,
            inbound.LocalTag,
            request.From.Tag,
            request.To.Uri.ToString(),
            request.From.Uri.ToString(),
            0,
            request.CSeq.Number,
            request.Contacts.FirstOrDefault()?.Uri?.ToString() ?? request.From.Uri.ToString(),
            [.. request.RecordRoutes.Select(r => r.ToString())],
            _edgeId,
            TransportMapping.ToAddress(inbound.Source),
            BodyText(request),
            null);
        var session = new CallSession(callId, Call(callId), origin.TenantId, inbound, callerDialog, started)
        {
            CallerNumber = origin.CallerNumber,
            CallerName = origin.CallerName,
            CallerOffer = request.Body,
        };
        inbound.Owner = session;
        calls.Add(session);
        metrics.CallStarted();
        EdgeLog.CallStarted(logger, callId, origin.CallerNumber, request.RequestUri.User ?? string.Empty, request.CallId);

        var start = new CallStart(origin, request.RequestUri.User ?? string.Empty, request.RequestUri.ToString(), callerDialog);
        var decision = await guard.IdempotentAsync(_ => session.Grain.Start(start), CancellationToken.None);
        if (inbound.IsCompleted)
        {
            // The caller cancelled while the grain decided (§9.2): tell the grain, start nothing.
            await HangupAsync(callId, callerDialog.LegCallId, HangupKind.Cancel, "cancelled before routing");
            await EndSessionAsync(session, "cancelled");
            return;
        }

        if (!decision.Accepted)
        {
            await responder.RespondAsync(inbound, decision.Status, string.IsNullOrEmpty(decision.Reason) ? null : decision.Reason);
            await EndSessionAsync(session, $"{decision.Status} {decision.Reason}");
            return;
        }

        if (decision.RelayMedia && !request.Body.IsEmpty)
        {
            OpenRelay(session);
        }

        var targets = decision.Strategy == ForkStrategy.Parallel ? decision.Targets : decision.Targets.Take(1);
        await Task.WhenAll(targets.Select(t => StartLegAsync(session, t)));
        _ = RingTimeoutAsync(session);
    }

    /// <summary>Anchors media: the callees are offered the relay's callee side, the caller's real address is remembered.</summary>
    private void OpenRelay(CallSession session)
    {
        var relay = relays.Open(session.CallId);
        if (relay is null)
        {
            // Out of relay ports: the call still goes ahead with end-to-end media rather than failing.
            EdgeLog.RelayPortsExhausted(logger, session.CallId, session.CallerDialog.LegCallId);
            return;
        }

        var party = Media.SdpRelayRewriter.Rewrite(session.CallerOffer.Span, _mediaAddress, relay.Callee.LocalRtpPort, out var offer);
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

    /// <summary>Ends an unanswered call after <c>Sip:RingTimeoutSeconds</c>: 480 to the caller, CANCEL every branch.</summary>
    private async Task RingTimeoutAsync(CallSession session)
    {
        await Task.Delay(_ringTimeout, timeProvider);
        if (session.IsAnswered || session.IsEnded || session.Caller.IsCompleted)
        {
            return;
        }

        session.RingTimedOut = true;
        await responder.RespondAsync(session.Caller, 480, "No Answer");
        foreach (var leg in session.Legs.Values)
        {
            await CancelLegAsync(leg);
        }
    }
}
