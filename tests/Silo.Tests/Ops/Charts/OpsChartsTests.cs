using Switchboard.Silo.Ops.Charts;

namespace Switchboard.Silo.Tests.Ops.Charts;

public sealed class OpsChartsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_NoSamples_EmptyColumnsAndFixedLines()
    {
        var charts = OpsCharts.From([], 5, "silo-1", Start);

        Assert.Empty(charts.Times);
        Assert.Equal("calls/s", Assert.Single(charts.CallsPerSecond).Name);
        Assert.Empty(charts.AsrPercent);
        Assert.Empty(charts.FailuresBySipStatus);
        Assert.Equal(["mean", "max"], charts.SettlementMs.Select(l => l.Name));
    }

    [Fact]
    public void From_TrunkAppearingLater_AlignedWithNullsBefore_FailuresZeroWhereAbsent()
    {
        var samples = new[]
        {
            new ChartSample(Start, 0.5, 2, new Dictionary<string, TrunkPoint>(), new Dictionary<int, long> { [486] = 1 }, new LatencyPoint(1, 8, 8), null),
            new ChartSample(
                Start.AddSeconds(5), 1.25, 3, new Dictionary<string, TrunkPoint> { ["acme/a"] = new(50m, 30.5m) },
                new Dictionary<int, long>(), null, new LatencyPoint(4, 1.5, 3)),
        };

        var charts = OpsCharts.From(samples, 5, "silo-1", Start.AddSeconds(6));

        Assert.Equal([Start.ToUnixTimeSeconds(), Start.ToUnixTimeSeconds() + 5], charts.Times);
        Assert.Equal([0.5, 1.25], Assert.Single(charts.CallsPerSecond).Values);
        Assert.Equal([2.0, 3.0], Assert.Single(charts.ActiveCalls).Values);
        var asr = Assert.Single(charts.AsrPercent);
        Assert.Equal("acme/a", asr.Name);
        Assert.Equal([null, 50.0], asr.Values);
        Assert.Equal([null, 30.5], Assert.Single(charts.AcdSeconds).Values);
        var busy = Assert.Single(charts.FailuresBySipStatus);
        Assert.Equal("486", busy.Name);
        Assert.Equal([1.0, 0.0], busy.Values);
        Assert.Equal([8.0, null], charts.SettlementMs[0].Values);
        Assert.Equal([null, 3.0], charts.DatabaseMs[1].Values);
    }

    [Fact]
    public void From_MoreCausesThanTheLimit_TheLargestKept()
    {
        var failures = Enumerable.Range(0, OpsCharts.MaxFailureLines + 3).ToDictionary(i => 400 + i, i => (long)i + 1);
        var sample = new ChartSample(Start, 0, 0, new Dictionary<string, TrunkPoint>(), failures, null, null);

        var charts = OpsCharts.From([sample], 5, "silo-1", Start);

        Assert.Equal(OpsCharts.MaxFailureLines, charts.FailuresBySipStatus.Count);
        Assert.DoesNotContain("400", charts.FailuresBySipStatus.Select(l => l.Name));
        Assert.Contains("414", charts.FailuresBySipStatus.Select(l => l.Name));
    }
}
