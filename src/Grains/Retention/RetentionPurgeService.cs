using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Retention;

/// <summary>
/// Runs the purge every <see cref="RetentionOptions.PurgeEvery"/> on every silo; the purge's advisory lock lets one
/// of them work at a time, and the others skip their turn. Off the call path: it shares only the database.
/// </summary>
public sealed partial class RetentionPurgeService(
    RetentionPurge purge,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await purge.RunAsync(dryRun: false, stoppingToken);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
                {
                    // Old rows wait for the next run; nothing is lost by a failed purge.
                    LogPurgeFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Silo shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed; the next run tries again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
