using Switchboard.Grains.Quality;

namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// Turns the quality grains' reports into chart points: ASR and ACD of the busiest trunks, and failures by SIP
/// status summed over every tenant (tenant scopes cover every settled call; trunk scopes only calls to carriers).
/// </summary>
public static class QualityFigures
{
    /// <summary>Trunks drawn at most, the busiest over the last hour, so a large deck cannot flood the chart.</summary>
    public const int MaxTrunks = 10;

    /// <summary>The window the points show: short enough that a carrier going bad shows within minutes.</summary>
    public const int WindowMinutes = 5;

    private const int RankingMinutes = 60;

    public static IReadOnlyDictionary<string, TrunkPoint> Trunks(IEnumerable<QualityReport> trunkReports) =>
        trunkReports
            .Select(r => (Report: r, Ranking: Window(r, RankingMinutes)?.Seized ?? 0))
            .Where(r => r.Ranking > 0)
            .OrderByDescending(r => r.Ranking)
            .ThenBy(r => r.Report.Scope, StringComparer.Ordinal)
            .Take(MaxTrunks)
            .ToDictionary(
                r => TrunkName(r.Report.Scope),
                r => Window(r.Report, WindowMinutes) is { } w ? new TrunkPoint(w.Asr * 100, w.AcdSeconds) : new TrunkPoint(null, null),
                StringComparer.Ordinal);

    public static IReadOnlyDictionary<int, long> Failures(IEnumerable<QualityReport> tenantReports)
    {
        var failures = new SortedDictionary<int, long>();
        foreach (var window in tenantReports.Select(r => Window(r, WindowMinutes)).OfType<QualityWindow>())
        {
            foreach (var (status, count) in window.FailuresBySipStatus)
            {
                failures[status] = failures.GetValueOrDefault(status) + count;
            }
        }

        return failures;
    }

    /// <summary>"trunk/&lt;tenant&gt;/&lt;trunk&gt;" is drawn as "&lt;tenant&gt;/&lt;trunk&gt;".</summary>
    private static string TrunkName(string scope) =>
        scope.StartsWith(QualityScopes.Trunk + "/", StringComparison.Ordinal) ? scope[(QualityScopes.Trunk.Length + 1)..] : scope;

    private static QualityWindow? Window(QualityReport report, int minutes) => report.Windows.FirstOrDefault(w => w.Minutes == minutes);
}
