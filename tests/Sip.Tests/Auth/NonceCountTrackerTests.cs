using Microsoft.Extensions.Time.Testing;
using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

public class NonceCountTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public void Register_IncreasingCounts_Accepted()
    {
        var tracker = new NonceCountTracker(16, TimeSpan.FromMinutes(5), _time);
        for (uint nc = 1; nc <= 100; nc++)
        {
            Assert.Equal(NonceCountResult.Accepted, tracker.Register(Now, 1, nc));
        }
    }

    [Fact]
    public void Register_CountBelowWindow_Replay()
    {
        var tracker = new NonceCountTracker(16, TimeSpan.FromMinutes(5), _time);
        Assert.Equal(NonceCountResult.Accepted, tracker.Register(Now, 1, 100));
        Assert.Equal(NonceCountResult.Accepted, tracker.Register(Now, 1, 37));
        Assert.Equal(NonceCountResult.Replay, tracker.Register(Now, 1, 36));
    }

    [Fact]
    public void Register_SameCountOnDifferentNonces_BothAccepted()
    {
        var tracker = new NonceCountTracker(16, TimeSpan.FromMinutes(5), _time);
        Assert.Equal(NonceCountResult.Accepted, tracker.Register(Now, 1, 1));
        Assert.Equal(NonceCountResult.Accepted, tracker.Register(Now, 2, 1));
        Assert.Equal(2, tracker.Count);
    }

    [Fact]
    public void Register_AfterRetention_ExpiredEntriesSwept()
    {
        var tracker = new NonceCountTracker(16, TimeSpan.FromMinutes(5), _time);
        var issued = Now;
        tracker.Register(issued, 1, 1);
        _time.Advance(TimeSpan.FromMinutes(6));
        tracker.Register(Now, 2, 1);
        Assert.Equal(1, tracker.Count);
    }

    [Fact]
    public void Register_TableFull_EvictsOldestAndTreatsThemAsUntracked()
    {
        var tracker = new NonceCountTracker(16, TimeSpan.FromHours(1), _time);
        var first = Now;
        for (ulong salt = 0; salt < 16; salt++)
        {
            Assert.Equal(NonceCountResult.Accepted, tracker.Register(first + (long)salt, salt, 1));
        }

        Assert.Equal(NonceCountResult.Accepted, tracker.Register(first + 100, 100, 1));
        Assert.True(tracker.Count <= 16);

        // The oldest nonce lost its entry; replaying its count must not look like a first use.
        Assert.Equal(NonceCountResult.Untracked, tracker.Register(first, 0, 1));
        Assert.Equal(NonceCountResult.Replay, tracker.Register(first + 15, 15, 1));
    }
}
