using Microsoft.Extensions.Options;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Runtime;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

/// <summary>The edge's way to the call grains: which call a leg belongs to, and the confirmation that a leg ended.</summary>
public sealed class CallGrainLink(IGrainFactory grains, ClusterGuard guard, CallTable calls, IOptions<SipOptions> sipOptions)
{
    public string EdgeId { get; } = sipOptions.Value.ResolveEdgeId();

    public ICallGrain Call(string callId) => grains.Grain<ICallGrain>(callId);

    /// <summary>
    /// The call an in-dialog request belongs to: this edge's table first, else the call our tag in its To names
    /// (<see cref="DialogTag"/>), which serves a call another edge set up; null for a dialog that is none of ours.
    /// </summary>
    public string? FindCall(SipRequest request) =>
        calls.FindByLeg(request.CallId)?.CallId ?? DialogTag.CallIdOf(request.To.Tag);

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
