using Microsoft.Extensions.Time.Testing;
using Switchboard.Grains.Hosting;

namespace Switchboard.Grains.Tests.Hosting;

/// <summary>The loop the silo's outbox senders share: one flush per period, and at stop only when asked.</summary>
public sealed class PeriodicFlusherTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task Run_FlushesEachPeriod_AndAtStopOnlyWhenItFlushesOnStop(bool flushesOnStop, int atStop)
    {
        var time = new FakeTimeProvider();
        using var flusher = new CountingFlusher(time, flushesOnStop);
        await flusher.StartAsync(CancellationToken.None);

        // The loop starts on the thread pool, so a first tick may come before its timer exists: tick again until
        // one flush happened, then once more, each time waiting (bounded) for that tick's flush.
        for (var i = 0; i < 20 && flusher.Flushes < 1; i++)
        {
            time.Advance(Period);
            await flusher.WaitForAsync(1, TimeSpan.FromSeconds(1));
        }

        var first = flusher.Flushes;
        time.Advance(Period);
        await flusher.WaitForAsync(first + 1, TimeSpan.FromSeconds(5));

        var beforeStop = flusher.Flushes;
        Assert.True(beforeStop >= 2, $"{beforeStop} flushes after two ticks");
        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(beforeStop + atStop, flusher.Flushes);
    }

    private sealed class CountingFlusher(TimeProvider time, bool flushesOnStop) : PeriodicFlusher(Period, time)
    {
        private int _flushes;

        public int Flushes => Volatile.Read(ref _flushes);

        protected override bool FlushesOnStop => flushesOnStop;

        public override Task FlushAsync()
        {
            Interlocked.Increment(ref _flushes);
            return Task.CompletedTask;
        }

        public async Task WaitForAsync(int flushes, TimeSpan limit)
        {
            var until = DateTime.UtcNow + limit;
            while (Flushes < flushes && DateTime.UtcNow < until)
            {
                await Task.Delay(5);
            }
        }
    }
}
