namespace Switchboard.Grains.Observability;

/// <summary>
/// Sums over the silos that reported recently. <see cref="CallsPerSecond"/> is the rate of
/// <c>switchboard.calls.started</c> over the last half minute; <see cref="CoHostedEdges"/> counts silos running an edge in-process.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ClusterCallStats")]
public sealed record ClusterCallStats(
    [property: Id(0)] long ActiveCalls,
    [property: Id(1)] double CallsPerSecond,
    [property: Id(2)] long CallsStarted,
    [property: Id(3)] int ReportingSilos,
    [property: Id(4)] int CoHostedEdges);
