using Switchboard.Sip.Transactions;

namespace Switchboard.Sip.Tests.Transactions;

/// <summary>The ordered response callback of a client transaction (<see cref="SipResponseHandler"/>).</summary>
public class SipResponseHandlerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Handler_SlowProvisional_FinalWaitsForItAndArrivalOrderKept()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h1");
        var seen = new List<int>();
        var ringingStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseRinging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, async (_, response) =>
        {
            lock (seen)
            {
                seen.Add(response.StatusCode);
            }

            if (response.StatusCode == 180)
            {
                ringingStarted.SetResult();
                await releaseRinging.Task;
            }
        });
        using var trying = TransactionHarness.Response(invite, 100, toTag: null);
        using var ringing = TransactionHarness.Response(invite, 180);
        using var ok = TransactionHarness.Response(invite, 200);

        h.Layer.Process(trying, TransactionHarness.Udp);
        h.Layer.Process(ringing, TransactionHarness.Udp);
        h.Layer.Process(ok, TransactionHarness.Udp);
        await ringingStarted.Task.WaitAsync(Bound);

        // The 200 is matched (Accepted) but not handed over while the 180's handler still runs.
        Assert.Equal(SipClientTransactionState.Accepted, tx.State);
        Assert.False(tx.Completion.IsCompleted);
        lock (seen)
        {
            Assert.Equal([100, 180], seen);
        }

        releaseRinging.SetResult();
        var result = await tx.Completion.WaitAsync(Bound);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal([100, 180, 200], seen);
    }

    [Fact]
    public async Task Handler_Final_CompletionOnlyAfterHandlerFinishedWithIt()
    {
        using var h = new TransactionHarness();
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-h2");
        var handled = false;
        var tx = h.Layer.SendRequest(options, TransactionHarness.Udp, async (_, response) =>
        {
            await Task.Yield();
            handled = true;
        });
        using var ok = TransactionHarness.Response(options, 200);

        h.Layer.Process(ok, TransactionHarness.Udp);
        var result = await tx.Completion.WaitAsync(Bound);

        Assert.True(handled);
        Assert.Equal(200, result.StatusCode);

        // The handler had the response; the completion does not keep it (a call keeps its INVITE transaction).
        Assert.Null(result.Response);
    }

    [Fact]
    public async Task Handler_Accepted2xxRetransmissions_EachReachTheHandlerWithItsTransaction()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h3");
        var twoHundreds = 0;
        var third = new TaskCompletionSource<SipClientTransaction>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, (transaction, response) =>
        {
            if (Interlocked.Increment(ref twoHundreds) == 3)
            {
                third.SetResult(transaction);
            }

            return Task.CompletedTask;
        });
        using var ok = TransactionHarness.Response(invite, 200);

        h.Layer.Process(ok, TransactionHarness.Udp);
        h.Advance(500);
        Assert.Equal(SipIncomingKind.AcceptedResponse, h.Layer.Process(ok, TransactionHarness.Udp).Kind);
        h.Advance(1000);
        Assert.Equal(SipIncomingKind.AcceptedResponse, h.Layer.Process(ok, TransactionHarness.Udp).Kind);

        Assert.Same(tx, await third.Task.WaitAsync(Bound));
        Assert.Equal(1, h.CountSent("INVITE "));
    }

    [Fact]
    public async Task Handler_Throws_ReportedAndLaterResponsesStillDelivered()
    {
        using var h = new TransactionHarness();
        var failures = new List<(int Status, string Message)>();
        h.Layer.ResponseHandlerFailed += (_, response, ex) => failures.Add((response.StatusCode, ex.Message));
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h4");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, (_, response) =>
            response.StatusCode == 180 ? throw new InvalidOperationException("handler bug") : Task.CompletedTask);
        using var ringing = TransactionHarness.Response(invite, 180);
        using var busy = TransactionHarness.Response(invite, 486);

        h.Layer.Process(ringing, TransactionHarness.Udp);
        h.Layer.Process(busy, TransactionHarness.Udp);

        Assert.Equal(486, (await tx.Completion.WaitAsync(Bound)).StatusCode);
        Assert.Equal([(180, "handler bug")], failures);
    }

    [Fact]
    public async Task Handler_TimerB_CompletesWithTimeoutWithoutCallingTheHandler()
    {
        using var h = new TransactionHarness();
        var called = false;
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h5");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, (_, _) =>
        {
            called = true;
            return Task.CompletedTask;
        });

        h.Advance(32_000);

        Assert.Equal(SipClientOutcome.Timeout, (await tx.Completion.WaitAsync(Bound)).Outcome);
        Assert.False(called);
    }

    [Fact]
    public async Task ReleaseResponseHandler_Accepted_EndsTheTransaction_Later2xxIsStray()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h6");
        var calls = 0;
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        });
        using var ok = TransactionHarness.Response(invite, 200);
        h.Layer.Process(ok, TransactionHarness.Udp);
        await tx.Completion.WaitAsync(Bound);

        tx.ReleaseResponseHandler();

        Assert.False(tx.HoldsResponseHandler);
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
        Assert.Equal(SipIncomingKind.StrayResponse, h.Layer.Process(ok, TransactionHarness.Udp).Kind);
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task ReleaseResponseHandler_StillProceeding_KeptSoA2xxCrossingTheCancelReachesTheTu()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h8");
        var seen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, (_, response) =>
        {
            if (response.IsSuccess)
            {
                seen.TrySetResult(response.StatusCode);
            }

            return Task.CompletedTask;
        });
        using var ringing = TransactionHarness.Response(invite, 180);
        using var ok = TransactionHarness.Response(invite, 200);
        h.Layer.Process(ringing, TransactionHarness.Udp);

        tx.ReleaseResponseHandler();
        h.Layer.Process(ok, TransactionHarness.Udp);

        Assert.Equal(200, await seen.Task.WaitAsync(Bound));
        Assert.Equal(SipClientTransactionState.Accepted, tx.State);
    }

    [Fact]
    public async Task Handler_Non2xxFinal_LetGoOnceDeliveredThoughTimerDStillRuns()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h7");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, (_, _) => Task.CompletedTask);
        using var busy = TransactionHarness.Response(invite, 486);

        h.Layer.Process(busy, TransactionHarness.Udp);
        await tx.Completion.WaitAsync(Bound);

        Assert.Equal(SipClientTransactionState.Completed, tx.State);
        Assert.False(tx.HoldsResponseHandler);
    }

    [Fact]
    public async Task Handler_Non2xxFinalOverTcp_ReachesTheHandlerThoughTheTransactionEndedAtOnce()
    {
        // Over a reliable transport Timer D is zero, so the transaction ends while the 407 still waits for its
        // delivery; the handler must see it all the same (the TU answers the challenge from there).
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-h9");
        var seen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Tcp, (_, response) =>
        {
            seen.TrySetResult(response.StatusCode);
            return Task.CompletedTask;
        });
        using var challenge = TransactionHarness.Response(invite, 407);

        h.Layer.Process(challenge, TransactionHarness.Tcp);

        Assert.Equal(407, await seen.Task.WaitAsync(Bound));
        Assert.Equal(407, (await tx.Completion.WaitAsync(Bound)).StatusCode);
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
        Assert.False(tx.HoldsResponseHandler);
    }
}
