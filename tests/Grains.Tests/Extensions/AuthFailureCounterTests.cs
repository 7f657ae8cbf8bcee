using Switchboard.Grains.Extensions;

namespace Switchboard.Grains.Tests.Extensions;

public sealed class AuthFailureCounterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordFailure_LimitWithinWindow_Locks()
    {
        var counter = new AuthFailureCounter(3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15));

        Assert.False(counter.RecordFailure(T0).LockedOut);
        Assert.False(counter.RecordFailure(T0.AddMinutes(1)).LockedOut);
        var third = counter.RecordFailure(T0.AddMinutes(2));

        Assert.True(third.LockedOut);
        Assert.Equal(3, third.RecentFailures);
        Assert.Equal(T0.AddMinutes(17), third.LockedUntil);
        Assert.True(counter.IsLocked(T0.AddMinutes(16)));
        Assert.False(counter.IsLocked(T0.AddMinutes(17)));
    }

    [Fact]
    public void RecordFailure_OldFailuresLeaveTheWindow()
    {
        var counter = new AuthFailureCounter(3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15));

        counter.RecordFailure(T0);
        counter.RecordFailure(T0.AddMinutes(1));
        var later = counter.RecordFailure(T0.AddMinutes(10.5));

        Assert.False(later.LockedOut);
        Assert.Equal(2, later.RecentFailures);
    }
}
