using Microsoft.Extensions.Options;
using Switchboard.Grains.Observability;
using Switchboard.Grains.Quality;
using Switchboard.Grains.Runtime;

namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// Every <see cref="OpsChartOptions.ChartSampleSeconds"/>, reads what the cluster already aggregates in grains (call
/// counters in <see cref="IClusterStatsGrain"/>, quality in the quality grains) plus this silo's latency windows, and
/// appends one <see cref="ChartSample"/> to <see cref="ChartHistory"/>. Cost: a few grain calls per period per silo,
/// whatever the call rate; calls themselves never see the charts.
/// </summary>
internal sealed partial class ChartSampler(
    ChartHistory history,
    LatencyListener latencies,
    IGrainFactory grains,
    IOptions<OpsChartOptions> options,
    TimeProvider clock,
    ILogger<ChartSampler> logger) : BackgroundService
{
    /// <summary>Bounds one sample's fan-out: scopes of each kind asked.</summary>
    internal const int MaxScopes = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.Period;
        using var timer = new PeriodicTimer(period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Drained every tick, even when the grains do not answer, so a window never spans two periods.
            var settlement = latencies.Settlement.Drain();
            var database = latencies.Database.Drain();
            try
            {
                history.Add(await SampleAsync(settlement, database).WaitAsync(period, clock, stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Starting, stopping or a busy cluster: the chart shows a gap for this period.
                LogSampleFailed(logger, ex.GetType().Name);
            }
        }
    }

    private async Task<ChartSample> SampleAsync(LatencyPoint? settlement, LatencyPoint? database)
    {
        var index = grains.Grain<IQualityIndexGrain>(0);
        var stats = grains.Grain<IClusterStatsGrain>(IClusterStatsGrain.Key).GetSummary();
        var trunks = ReportsAsync(await index.List(QualityScopes.Trunk));
        var tenants = ReportsAsync(await index.List(QualityScopes.Tenant));
        var summary = await stats;
        return new ChartSample(
            clock.GetUtcNow(), summary.CallsPerSecond, summary.ActiveCalls,
            QualityFigures.Trunks(await trunks), QualityFigures.Failures(await tenants), settlement, database);
    }

    private Task<QualityReport[]> ReportsAsync(IReadOnlyList<string> scopes) =>
        Task.WhenAll(scopes.Take(MaxScopes).Select(s => grains.Grain<IQualityStatsGrain>(s).Report()));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chart sample skipped: {Error}")]
    private static partial void LogSampleFailed(ILogger logger, string error);
}
