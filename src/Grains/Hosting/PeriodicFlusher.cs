using Microsoft.Extensions.Hosting;

namespace Switchboard.Grains.Hosting;

/// <summary>
/// A silo-local buffer's sender: every period it calls <see cref="FlushAsync"/>, which sends what calls gathered in
/// a few one-way messages, so the cost is per period rather than per call.
/// </summary>
public abstract class PeriodicFlusher(TimeSpan period, TimeProvider time) : BackgroundService
{
    /// <summary>One flush; public so tests can drive it without waiting for the period.</summary>
    public abstract Task FlushAsync();

    /// <summary>Whether the silo's stop sends what is still buffered (it stops the flusher before itself).</summary>
    protected virtual bool FlushesOnStop => false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Silo shutting down.
        }

        if (FlushesOnStop)
        {
            await FlushAsync();
        }
    }
}
