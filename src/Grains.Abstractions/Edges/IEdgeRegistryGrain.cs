namespace Switchboard.Grains.Edges;

/// <summary>
/// One per edge, keyed by the edge id (which starts with a letter, e.g. <c>edge-sip1</c>). Holds the edge's
/// observer in memory and relays call grains' commands to it.
/// </summary>
[Alias("Switchboard.IEdgeRegistryGrain")]
public interface IEdgeRegistryGrain : IGrainWithStringKey
{
    /// <summary>Registers or refreshes the edge's observer; call again every <see cref="EdgeSubscription.RefreshEvery"/>.</summary>
    [Alias("Subscribe")]
    Task<EdgeSubscription> Subscribe(EdgeInfo info, IEdgeObserver observer);

    /// <summary>Removes the observer at graceful shutdown; commands then fall back to other edges or time out.</summary>
    [Alias("Unsubscribe")]
    Task Unsubscribe();

    /// <summary>Hands a command to the edge. False when no live subscription exists (the caller then does not wait).</summary>
    [Alias("Deliver")]
    Task<bool> Deliver(EdgeCommand command);

    /// <summary>The edge's announced addresses, or null when it is not subscribed.</summary>
    /// <summary>
    /// Whether the edge still refreshes its subscription, and when it last did. A registry that has not yet heard
    /// from the edge since it was activated (after a silo loss) answers alive until a full expiry period has passed,
    /// so losing the registry never passes for losing the edge.
    /// </summary>
    [Alias("GetStatus"), Orleans.Concurrency.ReadOnly]
    Task<EdgeStatus> GetStatus();

    [Alias("GetInfo")]
    Task<EdgeInfo?> GetInfo();
}
