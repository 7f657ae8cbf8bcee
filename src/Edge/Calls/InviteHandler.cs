using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;

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

        if (!admission.TryEnter())
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
        // §8.2.6.1 / §17.2.1: 100 Trying at once stops the caller's INVITE retransmissions while the grain decides.
        await responder.RespondAsync(inbound, 100);
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (await identification.IdentifyAsync(inbound) is { } origin)
            {
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
