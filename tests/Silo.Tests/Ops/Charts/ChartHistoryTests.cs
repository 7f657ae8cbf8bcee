using Microsoft.Extensions.Options;
using Switchboard.Silo.Ops.Charts;

namespace Switchboard.Silo.Tests.Ops.Charts;

public sealed class ChartHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Capacity_FiveSecondPeriod_HoldsOneHour()
    {
        Assert.Equal(720, new ChartHistory(Options.Create(new OpsChartOptions())).Capacity);
        Assert.Equal(3600, new ChartHistory(Options.Create(new OpsChartOptions { ChartSampleSeconds = 1 })).Capacity);
    }

    [Fact]
    public void Snapshot_FewerThanCapacity_OldestFirst()
    {
        var history = new ChartHistory(Options.Create(new OpsChartOptions { ChartSampleSeconds = 60 }));
        for (var i = 0; i < 3; i++)
        {
            history.Add(Sample(i));
        }

        Assert.Equal([0L, 1, 2], history.Snapshot().Select(s => s.ActiveCalls));
    }

    [Fact]
    public void Snapshot_MoreThanAnHour_KeepsTheLastHourOldestFirst()
    {
        var history = new ChartHistory(Options.Create(new OpsChartOptions { ChartSampleSeconds = 60 }));
        for (var i = 0; i < 150; i++)
        {
            history.Add(Sample(i));
        }

        var kept = history.Snapshot();
        Assert.Equal(60, kept.Count);
        Assert.Equal(Enumerable.Range(90, 60).Select(i => (long)i), kept.Select(s => s.ActiveCalls));
        Assert.Equal(Start.AddMinutes(149), kept[^1].At);
    }

    private static ChartSample Sample(int i) =>
        new(Start.AddMinutes(i), 0, i, new Dictionary<string, TrunkPoint>(), new Dictionary<int, long>(), null, null);
}
