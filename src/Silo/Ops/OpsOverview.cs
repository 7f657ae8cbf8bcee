namespace Switchboard.Silo.Ops;

/// <summary>
/// The operations page's cluster header. <see cref="StandaloneEdges"/> counts Orleans clients connected to the
/// silos' gateways (standalone edges are the only clients Switchboard runs); co-hosted edges come from silo reports.
/// </summary>
public sealed record OpsOverview(
    IReadOnlyList<OpsSilo> Silos,
    int CoHostedEdges,
    long StandaloneEdges,
    long ActiveCalls,
    double CallsPerSecond,
    long CallsStarted,
    DateTimeOffset At);
