using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Emergency;

namespace Switchboard.Edge.Calls;

/// <summary>An initial INVITE (no To tag): admit it (draining, cluster away), identify the caller, hand it to <see cref="CallSetup"/>.</summary>
public sealed class InviteHandler(
    EdgeState state,
    ClusterGuard guard,
    SipResponder responder,
    EdgeMetrics metrics,
    CallerIdentification identification,
    SetupAdmission admission,
    CallSetup setup,
    SessionTeardown teardown,
    LogRedaction redaction,
    ILogger<InviteHandler> logger)
{
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

        // The dialled user part against every country's emergency numbers: the tenant is not known yet.
        if (!admission.TryEnter(EmergencyNumbers.IsKnownAnywhere(inbound.Request.RequestUri.User)))
        {
            metrics.CallShed();
            await responder.ServiceUnavailableAsync(inbound, "Overloaded");
            return;
        }

        try
        {
            await SetUpAsync(inbound);
        }
        finally
        {
            admission.Exit();
        }
    }

    private async Task SetUpAsync(InboundRequest inbound)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // §8.2.6.1 / §17.2.1: 100 Trying stops the caller's INVITE retransmissions while we wait. It goes at once
            // whenever the edge waits: on the cluster to identify the caller, or to set the call up. A caller refused
            // or challenged from what the edge already knows gets its 403 or 407 straight away, and no 100: a
            // phone's first INVITE of every call is challenged, so that is one datagram less per call.
            var identifying = identification.IdentifyAsync(inbound);
            var tried = !identifying.IsCompleted;
            if (tried)
            {
                await responder.RespondAsync(inbound, 100);
            }

            if (await identifying is { } origin)
            {
                if (!tried)
                {
                    await responder.RespondAsync(inbound, 100);
                }

                await setup.StartCallAsync(inbound, origin, started);
            }
        }
        catch (ClusterUnavailableException)
        {
            metrics.ClusterRejection("INVITE");
            var session = inbound.Owner as CallSession;
            EdgeLog.ClusterUnavailable(logger, session?.CallId ?? "-", redaction.Show(session?.CallerDialog.LegCallId ?? inbound.Request.CallId));
            await responder.ServiceUnavailableAsync(inbound, "Cluster Unavailable");
            if (session is not null)
            {
                await teardown.EndSessionAsync(session, "cluster unavailable");
            }
        }
    }
}
