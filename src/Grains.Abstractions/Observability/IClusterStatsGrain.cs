namespace Switchboard.Grains.Observability;

/// <summary>
/// Cluster-wide call counters for the operations page, one activation keyed <see cref="Key"/>. Each silo reports
/// its own totals every couple of seconds, so the cost is one small message per silo per period whatever the call
/// rate; calls never talk to this grain. Losing the activation only loses a few seconds of history.
/// </summary>
[Alias("Switchboard.IClusterStatsGrain")]
public interface IClusterStatsGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    [Alias("Report")]
    Task Report(SiloCallSample sample);

    [Alias("GetSummary"), Orleans.Concurrency.ReadOnly]
    Task<ClusterCallStats> GetSummary();
}
