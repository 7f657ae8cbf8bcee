using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Tests.Fraud;

public sealed class CallRateWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Count_EventsAcrossAMinuteBoundary_CountsInOneGlidingWindow()
    {
        var window = new CallRateWindow(TimeSpan.FromMinutes(1), []);
        for (var i = 0; i < 30; i++)
        {
            window.Add(T0.AddSeconds(59));
        }

        for (var i = 0; i < 30; i++)
        {
            window.Add(T0.AddSeconds(61));
        }

        Assert.Equal(60, window.Count(T0.AddSeconds(62)));
    }

    [Fact]
    public void Count_OldEvents_ExpireExactlyAfterTheWindow()
    {
        var events = new List<DateTimeOffset>();
        var window = new CallRateWindow(TimeSpan.FromMinutes(1), events);
        window.Add(T0);
        window.Add(T0.AddSeconds(30));

        Assert.Equal(2, window.Count(T0.AddSeconds(59.999)));
        Assert.Equal(1, window.Count(T0.AddSeconds(60)));
        Assert.Single(events); // expired events leave the persisted list
        Assert.Equal(0, window.Count(T0.AddSeconds(90)));
    }

    [Fact]
    public void Add_WithKeep_BoundsTheListButStillReachesTheLimit()
    {
        var events = new List<DateTimeOffset>();
        var window = new CallRateWindow(TimeSpan.FromMinutes(1), events);
        for (var i = 0; i < 1000; i++)
        {
            window.Add(T0.AddMilliseconds(i), keep: 30);
        }

        Assert.Equal(30, events.Count);
        Assert.Equal(30, window.Count(T0.AddSeconds(2)));
        Assert.Equal(T0.AddMilliseconds(999), events[^1]);
    }
}
