namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// GET /ops/api/charts: the last hour of samples as aligned columns, the shape the page's chart library draws
/// directly. <see cref="Times"/> are Unix seconds; every line of every chart has one value per time.
/// <see cref="Silo"/> names the silo that answered: the latency charts are its own, everything else is cluster-wide.
/// </summary>
public sealed record OpsCharts(
    int PeriodSeconds,
    string Silo,
    DateTimeOffset At,
    IReadOnlyList<long> Times,
    IReadOnlyList<ChartLine> CallsPerSecond,
    IReadOnlyList<ChartLine> ActiveCalls,
    IReadOnlyList<ChartLine> AsrPercent,
    IReadOnlyList<ChartLine> AcdSeconds,
    IReadOnlyList<ChartLine> FailuresBySipStatus,
    IReadOnlyList<ChartLine> SettlementMs,
    IReadOnlyList<ChartLine> DatabaseMs)
{
    /// <summary>Failure lines drawn at most, the most frequent causes of the hour.</summary>
    public const int MaxFailureLines = 12;

    public static OpsCharts From(IReadOnlyList<ChartSample> samples, int periodSeconds, string silo, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var trunks = samples.SelectMany(s => s.Trunks.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var statuses = samples.SelectMany(s => s.Failures)
            .GroupBy(f => f.Key)
            .OrderByDescending(g => g.Max(f => f.Value))
            .ThenBy(g => g.Key)
            .Take(MaxFailureLines)
            .Select(g => g.Key)
            .Order()
            .ToList();

        return new OpsCharts(
            periodSeconds,
            silo,
            at,
            samples.Select(s => s.At.ToUnixTimeSeconds()).ToList(),
            [Line("calls/s", samples, s => s.CallsPerSecond)],
            [Line("active calls", samples, s => s.ActiveCalls)],
            trunks.Select(t => Line(t, samples, s => (double?)s.Trunks.GetValueOrDefault(t)?.AsrPercent)).ToList(),
            trunks.Select(t => Line(t, samples, s => (double?)s.Trunks.GetValueOrDefault(t)?.AcdSeconds)).ToList(),
            statuses.Select(c => Line(c.ToString(System.Globalization.CultureInfo.InvariantCulture), samples, s => s.Failures.GetValueOrDefault(c))).ToList(),
            Latency(samples, s => s.Settlement),
            Latency(samples, s => s.Database));
    }

    private static List<ChartLine> Latency(IReadOnlyList<ChartSample> samples, Func<ChartSample, LatencyPoint?> point) =>
    [
        Line("mean", samples, s => point(s)?.MeanMs),
        Line("max", samples, s => point(s)?.MaxMs),
    ];

    private static ChartLine Line(string name, IReadOnlyList<ChartSample> samples, Func<ChartSample, double?> value) =>
        new(name, samples.Select(value).ToList());
}
