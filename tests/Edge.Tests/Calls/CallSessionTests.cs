using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Tests.Support;
using Switchboard.Grains.Calls;

namespace Switchboard.Edge.Tests.Calls;

/// <summary>What a session holds: the ring timeout and the set-up messages must not stay with an answered call.</summary>
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

    [Fact]
    public async Task ReleaseSetup_Answered_InviteAndOffersGoAndLaterResponsesAreRefused()
    {
        var session = NewSession();
        session.CallerOffer = "v=0\r\n"u8.ToArray();
        session.CalleeOffer = "v=0\r\n"u8.ToArray();
        var responder = new SipResponder(Options.Create(new SipOptions()));
        Assert.True(await responder.RespondAsync(session.Caller, 200));
        Assert.True(session.TryAnswer());

        session.ReleaseSetup();

        Assert.Throws<InvalidOperationException>(() => session.Caller.Request);
        Assert.True(session.CallerOffer.IsEmpty);
        Assert.Null(session.CalleeOffer);

        // A late order to answer the caller (a CANCEL crossing the 2xx, a grain's reject) is refused, not thrown.
        Assert.False(await responder.RespondAsync(session.Caller, 487));
    }

    [Fact]
    public void ReleaseSetup_NotAnswered_KeepsWhatTheNextLegNeeds()
    {
        var session = NewSession();
        session.CallerOffer = "v=0\r\n"u8.ToArray();

        session.ReleaseSetup();

        Assert.Equal("INVITE", session.Caller.Request.Method.ToString());
        Assert.False(session.CallerOffer.IsEmpty);
    }

    public void Dispose() => _sessions.Dispose();

    private ITimer Arm() => _time.CreateTimer(_ => Interlocked.Increment(ref _fired), null, RingTimeout, Timeout.InfiniteTimeSpan);

    private CallSession NewSession() => _sessions.NewSession(CallKeys.NewCallId());
}
