using Microsoft.Extensions.Logging;
using Switchboard.Grains.Hosting;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Quality;

/// <summary>
/// Every <see cref="Period"/>, sends what this silo's <see cref="QualityRecorder"/> gathered: one one-way message
/// per scope that had calls, so the statistics cost a few messages per period whatever the call rate. What is
/// still buffered at the silo's stop is not sent: the CDRs hold the same figures.
/// </summary>
public sealed partial class QualityFlusher(QualityRecorder recorder, IGrainFactory grains, TimeProvider time, ILogger<QualityFlusher> logger)
    : PeriodicFlusher(Period, time)
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    public override async Task FlushAsync()
    {
        var (samples, fresh) = recorder.Drain();
        try
        {
            if (fresh.Count > 0)
            {
                await grains.Grain<IQualityIndexGrain>(0).Add(fresh);
            }

            await Task.WhenAll(samples.Select(s => grains.Grain<IQualityStatsGrain>(s.Scope).Add(s.Sample)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Statistics, not money: a lost flush makes a window's figures a little low, the CDRs stay exact.
            LogFlushFailed(logger, samples.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quality statistics of {Scopes} scopes not delivered")]
    private static partial void LogFlushFailed(ILogger logger, int scopes, Exception exception);
}
