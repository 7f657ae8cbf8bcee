using System.Runtime.CompilerServices;
using Switchboard.Sip.Transactions;

namespace Switchboard.Sip.Tests.Transactions;

/// <summary>Transaction timers share one lane per duration instead of a runtime timer each.</summary>
public sealed class TransactionTimersTests
{
    [Fact]
    public void ManyCompletedTransactions_OneLaneEndsThemAllWhenDue()
    {
        using var h = new TransactionHarness();
        var transactions = new List<SipServerTransaction>();
        for (var i = 0; i < 200; i++)
        {
            using var bye = TransactionHarness.Request(SipMethod.Bye, $"z9hG4bK-lane-{i}", callId: $"lane-{i}@example.com");
            var tx = h.Layer.Process(bye, TransactionHarness.Udp).Server!;
            tx.Respond(SipResponseBuilder.For(bye, 200));
            transactions.Add(tx);
        }

        // Timer J for all 200 (and the abandoned-transaction timer each had before its response): two lanes.
        Assert.Equal(2, h.Layer.Timers.LaneCount);
        h.Advance(31_999);
        Assert.All(transactions, tx => Assert.Equal(SipServerTransactionState.Completed, tx.State));

        h.Advance(1);
        Assert.All(transactions, tx => Assert.Equal(SipServerTransactionState.Terminated, tx.State));
        Assert.Equal(0, h.Layer.ServerTransactionCount);
        Assert.Equal(0, h.Layer.Timers.Pending);
    }

    [Fact]
    public void AlarmsCancelledLongBeforeTheyAreDue_LeaveTheLaneAtOnce()
    {
        // Every server transaction sets a 10-minute abandoned-transaction alarm and cancels it with its response.
        using var h = new TransactionHarness();
        const int Transactions = 5_000;
        for (var i = 0; i < Transactions; i++)
        {
            using var bye = TransactionHarness.Request(SipMethod.Bye, $"z9hG4bK-pile-{i}", callId: $"pile-{i}@example.com");
            h.Layer.Process(bye, TransactionHarness.Udp).Server!.Respond(SipResponseBuilder.For(bye, 200));
        }

        // Timer J's 5,000 are live; the 5,000 cancelled ones left their lane at once.
        Assert.Equal(Transactions, h.Layer.Timers.Pending);
    }

    [Fact]
    public void AlarmsDueCloseTogether_TheLaterFiresWithinTheCoalescingInterval()
    {
        using var h = new TransactionHarness();
        using var first = TransactionHarness.Request(SipMethod.Bye, "z9hG4bK-lane-a");
        h.Layer.Process(first, TransactionHarness.Udp).Server!.Respond(SipResponseBuilder.For(first, 200));
        h.Advance(1);
        using var second = TransactionHarness.Request(SipMethod.Bye, "z9hG4bK-lane-b", callId: "lane-b@example.com");
        var late = h.Layer.Process(second, TransactionHarness.Udp).Server!;
        late.Respond(SipResponseBuilder.For(second, 200));

        h.Advance(31_999);
        Assert.Equal(1, h.Layer.ServerTransactionCount);

        // Due 1 ms after the first sweep: swept with the next one, never before it is due.
        h.Advance(1);
        Assert.Equal(SipServerTransactionState.Completed, late.State);
        h.Advance(TransactionTimerLane.Coalescing.TotalMilliseconds - 1);
        Assert.Equal(SipServerTransactionState.Terminated, late.State);
    }

    [Fact]
    public void AlarmReplacedBeforeItIsDue_OnlyTheNewOneFires()
    {
        // Timer C restarted by a provisional: the first alarm is cancelled and must not end the wait.
        using var h = new TransactionHarness(o => o.TimerC = TimeSpan.FromSeconds(180));
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-lane-c");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var ringing = TransactionHarness.Response(invite, 180);
        h.Layer.Process(ringing, TransactionHarness.Udp);
        h.Advance(100_000);
        h.Layer.Process(ringing, TransactionHarness.Udp);

        h.Advance(80_000);
        Assert.False(tx.Completion.IsCompleted);
        h.Advance(100_000);
        Assert.True(tx.Completion.IsCompleted);
    }

    [Fact]
    public void TransactionEndedBeforeItsAlarm_IsNotKeptByTheLane()
    {
        using var h = new TransactionHarness();
        var released = EndAcceptedInvite(h);
        Assert.Equal(0, h.Layer.Timers.Pending);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(released.TryGetTarget(out _));
    }

    [Fact]
    public void DisposedLayer_SweepsNothing()
    {
        var h = new TransactionHarness();
        using var bye = TransactionHarness.Request(SipMethod.Bye, "z9hG4bK-lane-d");
        var tx = h.Layer.Process(bye, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(bye, 200));
        h.Dispose();

        Assert.Equal(0, h.Layer.Timers.Pending);
        h.Advance(64_000);
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
    }

    // A client INVITE answered 2xx waits in Accepted for Timer M; released by its TU, it ends at once.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<SipClientTransaction> EndAcceptedInvite(TransactionHarness h)
    {
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-lane-e");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var ok = TransactionHarness.Response(invite, 200, toTag: "callee");
        h.Layer.Process(ok, TransactionHarness.Udp);
        Assert.Equal(SipClientTransactionState.Accepted, tx.State);
        tx.ReleaseResponseHandler();
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
        return new WeakReference<SipClientTransaction>(tx);
    }
}
