namespace Switchboard.Grains.Quality;

/// <summary>
/// Carrier and tenant quality (ASR, ACD, PDD, NER, failures by cause) of one scope, keyed
/// <c>trunk/&lt;tenant&gt;/&lt;trunk&gt;</c>, <c>tenant/&lt;tenant&gt;</c> or <c>country/&lt;code&gt;</c>
/// (<see cref="QualityScopes"/>). Fed by every silo's recorder a few times a minute, never per call; held in memory
/// as per-minute buckets for 24 hours.
/// </summary>
[Alias("Switchboard.IQualityStatsGrain")]
public interface IQualityStatsGrain : IGrainWithStringKey
{
    [Alias("Add"), Orleans.Concurrency.OneWay]
    Task Add(QualitySample sample);

    [Alias("Report"), Orleans.Concurrency.ReadOnly]
    Task<QualityReport> Report();
}
