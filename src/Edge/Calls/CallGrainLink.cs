using Microsoft.Extensions.Options;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Runtime;

namespace Switchboard.Edge.Calls;

/// <summary>The edge's way to the call grains: which call a leg belongs to, and the confirmation that a leg ended.</summary>
public sealed class CallGrainLink(IGrainFactory grains, ClusterGuard guard, CallTable calls, IOptions<SipOptions> sipOptions)
{
    public string EdgeId { get; } = sipOptions.Value.ResolveEdgeId();

    public ICallGrain Call(string callId) => grains.Grain<ICallGrain>(callId);

    /// <summary>Finds the call a leg belongs to: this edge's table first, else the cluster-wide leg index.</summary>
    public async Task<string?> FindCallAsync(string legCallId)
    {
        if (calls.FindByLeg(legCallId) is { } session)
        {
            return session.CallId;
        }

        var index = grains.Grain<ILegIndexGrain>(CallKeys.LegIndex(legCallId));
        return await guard.IdempotentAsync(_ => index.Lookup(), CancellationToken.None);
    }

    public async Task ReportLegEndedAsync(string callId, string legCallId)
    {
        try
        {
            await guard.IdempotentAsync(_ => Call(callId).LegEnded(legCallId, EdgeId), CancellationToken.None);
        }
        catch (ClusterUnavailableException)
        {
            // The grain ends the call itself when confirmations do not arrive (HangupConfirmTimeout).
        }
    }
}
