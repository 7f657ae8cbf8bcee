using Microsoft.Extensions.Logging;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Edges;

namespace Switchboard.Edge.Cluster;

/// <summary>
/// Receives call grains' orders for this edge (ring timeout, credit exhausted, operator hang-up...). The call is
/// one-way, so the work runs detached and each ended leg is confirmed to the grain with <c>LegEnded</c>.
/// </summary>
internal sealed class EdgeObserver(B2bua b2bua, ILogger<EdgeObserver> logger) : IEdgeObserver
{
    public Task Terminate(EdgeCommand command)
    {
        _ = RunAsync(command);
        return Task.CompletedTask;
    }

    private async Task RunAsync(EdgeCommand command)
    {
        try
        {
            await b2bua.ExecuteAsync(command.CallId, command.Legs);
        }
        catch (Exception ex)
        {
            EdgeLog.HandlerFailed(logger, ex, "cluster", command.CallId);
        }
    }
}
