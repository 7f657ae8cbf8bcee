namespace Switchboard.Grains.Quality;

/// <summary>
/// See <see cref="IQualityStatsGrain"/>. Holds one scope's <see cref="QualityBuckets"/>, one per minute for 24
/// hours. Memory only: losing the silo that holds it loses the history, which the CDRs still hold.
/// </summary>
public sealed class QualityStatsGrain(TimeProvider time) : Grain, IQualityStatsGrain
{
    private readonly QualityBuckets _buckets = new(time);

    public Task Add(QualitySample sample)
    {
        _buckets.Add(sample);
        return Task.CompletedTask;
    }

    public Task<QualityReport> Report() => Task.FromResult(_buckets.Report(this.GetPrimaryKeyString()));
}
