using Switchboard.Grains.Quality;
using Switchboard.Silo.Ops.Charts;

namespace Switchboard.Silo.Tests.Ops.Charts;

public sealed class QualityFiguresTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Trunks_FiveMinuteWindow_AsrAsPercentAndAcd_NamedTenantSlashTrunk()
    {
        var report = Report("trunk/acme/carrier-a", Window(5, 4, 3, 0.75m, 40m), Window(60, 10, 6, 0.6m, 50m));

        var trunks = QualityFigures.Trunks([report]);

        Assert.Equal(new TrunkPoint(75m, 40m), Assert.Single(trunks, t => t.Key == "acme/carrier-a").Value);
    }

    [Fact]
    public void Trunks_QuietForTheLastFiveMinutes_KeptWithoutValues_IdleForAnHour_Dropped()
    {
        var quiet = Report("trunk/acme/quiet", Window(5, 0, 0, null, null), Window(60, 3, 1, 0.33m, 10m));
        var idle = Report("trunk/acme/idle", Window(5, 0, 0, null, null), Window(60, 0, 0, null, null));

        var trunks = QualityFigures.Trunks([quiet, idle]);

        Assert.Equal(new TrunkPoint(null, null), Assert.Single(trunks).Value);
        Assert.True(trunks.ContainsKey("acme/quiet"));
    }

    [Fact]
    public void Trunks_MoreThanTheLimit_TheBusiestOfTheHourKept()
    {
        var reports = Enumerable.Range(1, QualityFigures.MaxTrunks + 5)
            .Select(i => Report($"trunk/t/c{i:D2}", Window(5, i, i, 1m, 1m), Window(60, i, i, 1m, 1m)));

        var trunks = QualityFigures.Trunks(reports);

        Assert.Equal(QualityFigures.MaxTrunks, trunks.Count);
        Assert.DoesNotContain("t/c05", trunks.Keys);
        Assert.Contains("t/c15", trunks.Keys);
    }

    [Fact]
    public void Failures_SummedOverTenantsByStatus_FromTheFiveMinuteWindow()
    {
        var a = Report("tenant/a", Window(5, 5, 1, 0.2m, 3m, (486, 2), (503, 1)), Window(60, 50, 1, 0.02m, 3m, (486, 40)));
        var b = Report("tenant/b", Window(5, 3, 0, 0m, null, (486, 3)));

        var failures = QualityFigures.Failures([a, b]);

        Assert.Equal(new Dictionary<int, long> { [486] = 5, [503] = 1 }, failures);
    }

    private static QualityReport Report(string scope, params QualityWindow[] windows) => new(scope, At, windows);

    private static QualityWindow Window(int minutes, long seized, long answered, decimal? asr, decimal? acd, params (int Status, long Count)[] failures) =>
        new(minutes, seized, answered, asr, acd, null, null, failures.ToDictionary(f => f.Status, f => f.Count));
}
