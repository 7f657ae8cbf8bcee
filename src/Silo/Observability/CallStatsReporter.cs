using Switchboard.Grains.Observability;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Silo.Observability;

/// <summary>
/// Sends this silo's call totals to <see cref="IClusterStatsGrain"/> every <see cref="Period"/>, so the operations
/// page can show cluster-wide active calls and calls per second without a Prometheus server.
/// </summary>
internal sealed partial class CallStatsReporter(
    SwitchboardMetrics metrics,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<CallStatsReporter> logger) : BackgroundService
{
    internal static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hostsEdge = configuration.GetValue("Edge:Enabled", true);
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var sample = new SiloCallSample(silo.SiloAddress.ToParsableString(), hostsEdge, metrics.CallsStartedTotal, metrics.ActiveCalls, clock.GetUtcNow());
            try
            {
                await grains.Grain<IClusterStatsGrain>(IClusterStatsGrain.Key).Report(sample).WaitAsync(Period, clock, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Starting, stopping or a busy cluster: the next tick reports the same running totals.
                LogReportFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call stats report skipped: {Error}")]
    private static partial void LogReportFailed(ILogger logger, string error);
}
