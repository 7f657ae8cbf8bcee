using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Calls;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Tests.Calls;

/// <summary>RFC 3261 §13.3.1.4 on a fake clock: the caller's 2xx is retransmitted until its ACK, then given up on.</summary>
public sealed class AnswerRetransmissionTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private int _sent;
    private int _noAck;

    [Fact]
    public void Unacknowledged_ResendsAtT1DoublingCappedAtT2_ThenReportsNoAckOnceAt64T1()
    {
        using var answer = Create();
        answer.Start();

        // 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s: T1, 2T1, 4T1, then T2 = 4 s (§13.3.1.4).
        var expected = 0;
        foreach (var wait in new[] { 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000 })
        {
            Advance(wait - 1);
            Assert.Equal(expected, _sent);
            Advance(1);
            Assert.Equal(++expected, _sent);
        }

        // 64*T1 = 32 s after the 2xx: no more retransmissions, the missing ACK is reported once.
        Advance(499);
        Assert.Equal(0, _noAck);
        Advance(1);
        Assert.Equal(1, _noAck);
        Assert.Equal(10, _sent);
        Assert.Equal(10, answer.Retransmissions);

        Advance(60_000);
        Assert.Equal(1, _noAck);
        Assert.Equal(10, _sent);
        Assert.False(answer.Acknowledge());
    }

    [Fact]
    public void Acknowledge_LetsGoOfWhatTheCallbacksHold()
    {
        // The session keeps its AnswerRetransmission for the whole call: after the ACK it must not keep the callbacks
        // (and through them the session's state) nor its timer.
        var (answer, held) = CreateHolding();
        answer.Start();
        Assert.True(answer.Acknowledge());

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(held.TryGetTarget(out _), "the acknowledged answer still holds its callbacks' state");
        GC.KeepAlive(answer);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private (AnswerRetransmission Answer, WeakReference<object> Held) CreateHolding()
    {
        var state = new object();
        var answer = new AnswerRetransmission(() => state is not null, () => GC.KeepAlive(state), new SipTransactionOptions(), _clock);
        return (answer, new WeakReference<object>(state));
    }

    [Fact]
    public void Acknowledge_StopsRetransmissionsAndNothingIsReported()
    {
        using var answer = Create();
        answer.Start();
        Advance(500);
        Advance(1000);

        Assert.True(answer.Acknowledge());
        Assert.False(answer.Acknowledge());
        Advance(60_000);

        Assert.Equal(2, _sent);
        Assert.Equal(0, _noAck);
    }

    [Fact]
    public void AckBeforeStart_NeverRetransmits()
    {
        using var answer = Create();

        Assert.True(answer.Acknowledge());
        answer.Start();
        Advance(60_000);

        Assert.Equal(0, _sent);
        Assert.Equal(0, _noAck);
    }

    [Fact]
    public void Dispose_CallEndedOtherwise_StopsSilently()
    {
        var answer = Create();
        answer.Start();
        Advance(500);

        answer.Dispose();
        Advance(60_000);

        Assert.Equal(1, _sent);
        Assert.Equal(0, _noAck);
    }

    [Fact]
    public void ShortT1_ScheduleScalesWithT1AndT2()
    {
        using var answer = Create(new SipTransactionOptions { T1 = TimeSpan.FromMilliseconds(100), T2 = TimeSpan.FromMilliseconds(400) });
        answer.Start();

        // 0.1, 0.3, 0.7, 1.1 ... 6.3 s, then the give-up at 6.4 s.
        Advance(100);
        Advance(200);
        Advance(400);
        Assert.Equal(3, _sent);
        Advance(400);
        Assert.Equal(4, _sent);
        for (var step = 0; step < 52; step++)
        {
            Advance(100);
        }

        Assert.Equal(17, _sent);
        Assert.Equal(0, _noAck);
        Advance(100);
        Assert.Equal(1, _noAck);
    }

    private AnswerRetransmission Create(SipTransactionOptions? options = null) =>
        new(() => ++_sent > 0, () => _noAck++, options ?? new SipTransactionOptions(), _clock);

    private void Advance(int milliseconds) => _clock.Advance(TimeSpan.FromMilliseconds(milliseconds));
}
