namespace Switchboard.Grains.Quality;

/// <summary>
/// One scope's call outcomes in one bucket per minute, a 24-hour ring, and the 5-minute, 1-hour and 24-hour
/// windows added up from it. Plain code under <see cref="QualityStatsGrain"/>, so the windows can be tested across
/// time with a fake clock. A window of N minutes holds the current minute and the N - 1 before it.
/// </summary>
public sealed class QualityBuckets(TimeProvider time)
{
    private static readonly int[] WindowMinutes = [5, 60, 1440];
    private readonly Bucket[] _ring = new Bucket[1440];

    public void Add(QualitySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var minute = Minute(time.GetUtcNow());
        ref var bucket = ref _ring[minute % _ring.Length];
        if (bucket.Minute != minute)
        {
            // The slot last held the same minute a day ago (or never held one): that day has left every window.
            bucket = new Bucket { Minute = minute };
        }

        bucket.Seized += sample.Seized;
        bucket.Answered += sample.Answered;
        bucket.Effective += sample.Effective;
        bucket.AnsweredSeconds += sample.AnsweredSeconds;
        bucket.PddCount += sample.PddCount;
        bucket.PddMilliseconds += sample.PddMillisecondsTotal;
        foreach (var (status, count) in sample.Failures)
        {
            bucket.Failures ??= [];
            bucket.Failures[status] = bucket.Failures.GetValueOrDefault(status) + count;
        }
    }

    public QualityReport Report(string scope)
    {
        var now = time.GetUtcNow();
        var minute = Minute(now);
        return new QualityReport(scope, now, [.. WindowMinutes.Select(w => Window(minute, w))]);
    }

    private QualityWindow Window(long minute, int minutes)
    {
        var total = new Bucket();
        var failures = new SortedDictionary<int, long>();
        foreach (var bucket in _ring)
        {
            if (bucket.Minute > minute - minutes && bucket.Minute <= minute)
            {
                total.Seized += bucket.Seized;
                total.Answered += bucket.Answered;
                total.Effective += bucket.Effective;
                total.AnsweredSeconds += bucket.AnsweredSeconds;
                total.PddCount += bucket.PddCount;
                total.PddMilliseconds += bucket.PddMilliseconds;
                foreach (var (status, count) in bucket.Failures ?? [])
                {
                    failures[status] = failures.GetValueOrDefault(status) + count;
                }
            }
        }

        return new QualityWindow(
            minutes, total.Seized, total.Answered,
            Ratio(total.Answered, total.Seized),
            total.Answered == 0 ? null : Math.Round((decimal)total.AnsweredSeconds / total.Answered, 1),
            Ratio(total.Effective, total.Seized),
            total.PddCount == 0 ? null : Math.Round((decimal)total.PddMilliseconds / total.PddCount, 0),
            failures);
    }

    private static decimal? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    /// <summary>Minutes since the epoch; never 0 for a real time, so a zeroed bucket is never mistaken for one.</summary>
    private static long Minute(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    private struct Bucket
    {
        public long Minute;
        public long Seized;
        public long Answered;
        public long Effective;
        public long AnsweredSeconds;
        public long PddCount;
        public long PddMilliseconds;
        public Dictionary<int, long>? Failures;
    }
}
