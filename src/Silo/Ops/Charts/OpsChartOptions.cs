namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// Configuration section <c>Ops</c>: how often the silo samples the operations page's chart series. The history
/// always spans one hour, so the period also sets its length (720 samples at the default 5 s).
/// </summary>
public sealed class OpsChartOptions
{
    public const string SectionName = "Ops";

    public static readonly TimeSpan History = TimeSpan.FromHours(1);

    public int ChartSampleSeconds { get; set; } = 5;

    public TimeSpan Period => TimeSpan.FromSeconds(ChartSampleSeconds);

    /// <summary>Samples kept: one hour's worth.</summary>
    public int Capacity => (int)(History.TotalSeconds / ChartSampleSeconds);

    /// <summary>Returns the first invalid setting, named by its configuration key, or null.</summary>
    public string? Validate() =>
        ChartSampleSeconds is < 1 or > 60 ? $"{SectionName}:{nameof(ChartSampleSeconds)} must be between 1 and 60 seconds" : null;
}
