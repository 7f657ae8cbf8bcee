namespace Switchboard.Grains.Edges;

/// <summary>
/// Implemented by every edge and registered with its <see cref="IEdgeRegistryGrain"/>. Grain→edge traffic is
/// best-effort (observers are not durable), so every command is confirmed by the edge calling the call grain
/// back, and the call grain ends the call on its own when no confirmation arrives in time.
/// </summary>
[Alias("Switchboard.IEdgeObserver")]
public interface IEdgeObserver : IGrainObserver
{
    /// <summary>End the listed legs (BYE/CANCEL/reject) and report each with <c>ICallGrain.LegEnded</c>.</summary>
    [Orleans.Concurrency.OneWay, Alias("Terminate")]
    Task Terminate(EdgeCommand command);
}
