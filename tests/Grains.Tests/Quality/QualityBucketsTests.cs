using Microsoft.Extensions.Time.Testing;
using Switchboard.Grains.Quality;

namespace Switchboard.Grains.Tests.Quality;

/// <summary>
/// The 5-minute, 1-hour and 24-hour windows across time, on a fake clock: a sample leaves each window when it is as
/// old as the window, and a ring slot reused a day later starts from zero.
/// </summary>
public sealed class QualityBucketsTests
{
    // On a minute boundary, so a sample's age and its minute bucket agree to the second.
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public void Windows_SamplesAgeOut_FiveMinutesThenAnHourThenADay()
    {
        var buckets = new QualityBuckets(_clock);
        // 09:00: 4 seized, 1 answered for 120 s, 2 effective, one PDD of 3 s, 3 failed with 503.
        buckets.Add(Sample(seized: 4, answered: 1, effective: 2, seconds: 120, pdds: 1, pddMilliseconds: 3000, (503, 3)));
        _clock.Advance(TimeSpan.FromMinutes(10));
        // 09:10: 2 seized, both answered for 60 s in all, two PDDs of 1 s.
        buckets.Add(Sample(seized: 2, answered: 2, effective: 2, seconds: 60, pdds: 2, pddMilliseconds: 2000));

        _clock.Advance(TimeSpan.FromSeconds(299));
        var both = (6L, 3L, 0.5m, (decimal?)60m, (decimal?)0.6667m, (decimal?)1667m);
        var onlyLater = (2L, 2L, 1m, (decimal?)30m, (decimal?)1m, (decimal?)1000m);
        var none = (0L, 0L, (decimal?)null, (decimal?)null, (decimal?)null, (decimal?)null);
        AssertWindows(buckets.Report("trunk/t/c"), onlyLater, both, both);
        Assert.Equal(new Dictionary<int, long> { [503] = 3 }, buckets.Report("trunk/t/c").Windows[1].FailuresBySipStatus);

        // 09:15:00: the 09:10 sample is 5 minutes old.
        _clock.Advance(TimeSpan.FromSeconds(1));
        AssertWindows(buckets.Report("trunk/t/c"), none, both, both);
        Assert.Empty(buckets.Report("trunk/t/c").Windows[0].FailuresBySipStatus);

        // 09:59:59 and 10:00:00: the 09:00 sample leaves the hour exactly when it is an hour old.
        _clock.SetUtcNow(Start.AddMinutes(60).AddSeconds(-1));
        AssertWindows(buckets.Report("trunk/t/c"), none, both, both);
        _clock.SetUtcNow(Start.AddMinutes(60));
        AssertWindows(buckets.Report("trunk/t/c"), none, onlyLater, both);
        Assert.Empty(buckets.Report("trunk/t/c").Windows[1].FailuresBySipStatus);
        Assert.Equal(new Dictionary<int, long> { [503] = 3 }, buckets.Report("trunk/t/c").Windows[2].FailuresBySipStatus);

        // 09:00 the next day: the first sample is a day old and out of every window.
        _clock.SetUtcNow(Start.AddDays(1).AddSeconds(-1));
        AssertWindows(buckets.Report("trunk/t/c"), none, none, both);
        _clock.SetUtcNow(Start.AddDays(1));
        AssertWindows(buckets.Report("trunk/t/c"), none, none, onlyLater);
        Assert.Empty(buckets.Report("trunk/t/c").Windows[2].FailuresBySipStatus);
    }

    [Fact]
    public void Windows_RingSlotReusedADayLater_CountsOnlyTheNewDay()
    {
        var buckets = new QualityBuckets(_clock);
        buckets.Add(Sample(seized: 4, answered: 1, effective: 2, seconds: 120, pdds: 1, pddMilliseconds: 3000, (503, 3)));
        _clock.Advance(TimeSpan.FromMinutes(10));
        buckets.Add(Sample(seized: 2, answered: 2, effective: 2, seconds: 60, pdds: 2, pddMilliseconds: 2000));

        // 09:00 the next day falls in the first sample's slot: one busy call, which must not add to yesterday's.
        _clock.SetUtcNow(Start.AddDays(1).AddSeconds(30));
        buckets.Add(Sample(seized: 1, answered: 0, effective: 1, seconds: 0, pdds: 0, pddMilliseconds: 0, (486, 1)));

        var busy = (1L, 0L, (decimal?)0m, (decimal?)null, (decimal?)1m, (decimal?)null);
        var report = buckets.Report("trunk/t/c");
        AssertWindows(report, busy, busy, (3L, 2L, 0.6667m, 30m, 1m, 1000m));
        Assert.Equal(new Dictionary<int, long> { [486] = 1 }, report.Windows[2].FailuresBySipStatus);
        Assert.Equal(Start.AddDays(1).AddSeconds(30), report.At);

        // 09:10 the next day: the 09:10 sample is a day old too; two days on, nothing is left.
        _clock.SetUtcNow(Start.AddDays(1).AddMinutes(10));
        AssertWindows(buckets.Report("trunk/t/c"), (0L, 0L, null, null, null, null), (1L, 0L, 0m, null, 1m, null), busy);
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.All(buckets.Report("trunk/t/c").Windows, w => Assert.Equal((0L, (decimal?)null), (w.Seized, w.Asr)));
    }

    private static void AssertWindows(
        QualityReport report,
        (long Seized, long Answered, decimal? Asr, decimal? Acd, decimal? Ner, decimal? Pdd) fiveMinutes,
        (long Seized, long Answered, decimal? Asr, decimal? Acd, decimal? Ner, decimal? Pdd) hour,
        (long Seized, long Answered, decimal? Asr, decimal? Acd, decimal? Ner, decimal? Pdd) day)
    {
        Assert.Equal([5, 60, 1440], report.Windows.Select(w => w.Minutes));
        Assert.Equal([fiveMinutes, hour, day], report.Windows.Select(w => (w.Seized, w.Answered, w.Asr, w.AcdSeconds, w.Ner, w.PddMilliseconds)));
    }

    private static QualitySample Sample(
        long seized, long answered, long effective, long seconds, long pdds, long pddMilliseconds, params (int Status, long Count)[] failures) => new()
    {
        Seized = seized,
        Answered = answered,
        Effective = effective,
        AnsweredSeconds = seconds,
        PddCount = pdds,
        PddMillisecondsTotal = pddMilliseconds,
        Failures = failures.ToDictionary(f => f.Status, f => f.Count),
    };
}
