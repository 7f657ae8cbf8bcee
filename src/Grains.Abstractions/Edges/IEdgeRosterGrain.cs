namespace Switchboard.Grains.Edges;

/// <summary>
/// The cluster's one list of edges that refresh their subscription (key 0). A silo whose calls lost their edge asks
/// it for a live edge to send the BYEs through when none of its own calls names one. Not on the call path: each
/// edge registry tells it once per refresh, one-way, and it is read only when an edge is lost.
/// </summary>
[Alias("Switchboard.IEdgeRosterGrain")]
public interface IEdgeRosterGrain : IGrainWithIntegerKey
{
    /// <summary>The edge refreshed its subscription just now.</summary>
    [Alias("Seen"), Orleans.Concurrency.OneWay]
    Task Seen(string edgeId);

    /// <summary>Edges that refreshed within one expiry period, most recently seen first.</summary>
    [Alias("LiveEdges"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>> LiveEdges();
}
