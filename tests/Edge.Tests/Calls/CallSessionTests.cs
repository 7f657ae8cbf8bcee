using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Tests.Support;
using Switchboard.Grains.Calls;

namespace Switchboard.Edge.Tests.Calls;

/// <summary>The ring timeout a session holds: it must not keep an answered or ended call alive.</summary>
public sealed class CallSessionTests : IDisposable
{
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(45);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly CallerSessions _sessions;
    private int _fired;

    public CallSessionTests() => _sessions = new CallerSessions(_time);

    [Fact]
    public void Ring_AnsweredBeforeTheTimeout_TimerNeverFires()
    {
        var session = NewSession();
        session.Ring(Arm());

        Assert.True(session.TryAnswer());
        _time.Advance(RingTimeout * 2);

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void Ring_EndedBeforeTheTimeout_TimerNeverFires()
    {
        var session = NewSession();
        session.Ring(Arm());

        Assert.True(session.TryEnd());
        _time.Advance(RingTimeout * 2);

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void Ring_ArmedAfterTheCallWasAnswered_DroppedAtOnce()
    {
        // The first 2xx can win the race against the code that arms the timer after starting the legs.
        var session = NewSession();
        Assert.True(session.TryAnswer());

        session.Ring(Arm());
        _time.Advance(RingTimeout * 2);

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void Ring_NobodyAnswers_FiresOnce()
    {
        var session = NewSession();
        session.Ring(Arm());

        _time.Advance(RingTimeout);
        _time.Advance(RingTimeout);

        Assert.Equal(1, _fired);
    }

    public void Dispose() => _sessions.Dispose();

    private ITimer Arm() => _time.CreateTimer(_ => Interlocked.Increment(ref _fired), null, RingTimeout, Timeout.InfiniteTimeSpan);

    private CallSession NewSession() => _sessions.NewSession(CallKeys.NewCallId());
}
