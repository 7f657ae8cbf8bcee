using Microsoft.Extensions.Logging;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Calls;

/// <summary>Sending the machine's <see cref="CallCommandKind.EndLegs"/> to the edges that can carry it out.</summary>
public sealed partial class CallGrain
{
    /// <summary>
    /// Legs owned by the reporting edge go back to it; the others are sent to their owners. An owner without a
    /// live subscription has its legs handed to the reporting edge or, for grain-initiated ends, to another edge
    /// of the call: any edge can send a BYE from the dialog state.
    /// </summary>
    private async Task<IReadOnlyList<LegTermination>> Dispatch(
        IReadOnlyList<LegTermination> terminations, string? reportingEdge, string reason)
    {
        var forReporter = new List<LegTermination>(terminations.Count);
        var edges = new List<string>(2);
        foreach (var termination in terminations)
        {
            if (termination.Dialog.EdgeId == reportingEdge)
            {
                forReporter.Add(termination);
            }

            if (!edges.Contains(termination.Dialog.EdgeId))
            {
                edges.Add(termination.Dialog.EdgeId);
            }
        }

        foreach (var edge in edges)
        {
            if (edge == reportingEdge)
            {
                continue;
            }

            var legs = new List<LegTermination>(terminations.Count);
            foreach (var termination in terminations)
            {
                if (termination.Dialog.EdgeId == edge)
                {
                    legs.Add(termination);
                }
            }

            if (await Deliver(edge, legs, reason))
            {
                continue;
            }

            if (reportingEdge is not null)
            {
                forReporter.AddRange(legs);
                continue;
            }

            await DeliverElsewhere(edge, edges, legs, reason);
        }

        return forReporter;
    }

    /// <summary>
    /// Any live edge can send a BYE from the dialog state: the call's other edges first, then the survivor the
    /// renewer named when this call's edge was lost.
    /// </summary>
    private async Task DeliverElsewhere(string owner, List<string> edges, List<LegTermination> legs, string reason)
    {
        foreach (var other in edges)
        {
            if (other != owner && await Deliver(other, legs, reason))
            {
                return;
            }
        }

        if (Machine.Call.SurvivorEdge is { } survivor && survivor != owner && !edges.Contains(survivor))
        {
            await Deliver(survivor, legs, reason);
        }
    }

    private async Task<bool> Deliver(string edgeId, IReadOnlyList<LegTermination> legs, string reason)
    {
        try
        {
            var command = new EdgeCommand(CallId, reason, legs, Now);
            return await GrainFactory.Grain<IEdgeRegistryGrain>(edgeId).Deliver(command).WaitAsync(DeliveryTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDeliveryFailed(logger, CallId, edgeId, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: command to edge {Edge} not delivered")]
    private static partial void LogDeliveryFailed(ILogger logger, string callId, string edge, Exception exception);
}
