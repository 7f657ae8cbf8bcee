using Switchboard.Sip.Transactions;

namespace Switchboard.Sip.Tests.Transactions;

public class SipClientTransactionTests
{
    private const string InviteLine = "INVITE sip:bob@203.0.113.10 SIP/2.0";
    private const string OptionsLine = "OPTIONS sip:bob@203.0.113.10 SIP/2.0";

    [Fact]
    public async Task Invite_Udp_TimerARetransmitsAtDoublingIntervalsThenTimerBTimesOut()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-a");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        Assert.Equal(1, h.CountSent(InviteLine));

        // Timer A: T1, 2T1, 4T1 ... (no T2 cap for INVITE, §17.1.1.2).
        var expected = 1;
        foreach (var wait in new[] { 500, 1000, 2000, 4000, 8000, 16000 })
        {
            h.Advance(wait - 1);
            Assert.Equal(expected, h.CountSent(InviteLine));
            h.Advance(1);
            Assert.Equal(++expected, h.CountSent(InviteLine));
        }

        // Timer B = 64*T1 = 32 s from the start; 31.5 s have passed.
        h.Advance(499);
        Assert.False(tx.Completion.IsCompleted);
        h.Advance(1);
        var result = await tx.Completion;
        Assert.Equal(SipClientOutcome.Timeout, result.Outcome);
        Assert.Equal(408, result.StatusCode);
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Equal(7, h.CountSent(InviteLine));
    }

    [Fact]
    public async Task Invite_2xx_TransactionLetsGoOfTheInviteItNoLongerSendsOrCancels()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-kept");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        Assert.Equal(invite.Bytes.Length, tx.Request.Length);

        using var ok = TransactionHarness.Response(invite, 200);
        h.Layer.Process(ok, TransactionHarness.Udp);
        (await tx.Completion).Response?.Dispose();

        // Accepted (RFC 6026 §8.4): no Timer A, no CANCEL; the TU may keep the transaction for the whole call.
        Assert.Equal(SipClientTransactionState.Accepted, tx.State);
        Assert.True(tx.Request.IsEmpty);
        Assert.Null(tx.TryCreateCancel());
        Assert.Throws<InvalidOperationException>(() => tx.CreateCancel());
        h.Advance(4_000);
        Assert.Equal(1, h.CountSent(InviteLine));
    }

    [Fact]
    public void Invite_ProvisionalResponse_StopsTimersAAndBAndReachesCallback()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-b");
        var provisional = new List<int>();
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp, (_, r) => provisional.Add(r.StatusCode));

        using var trying = TransactionHarness.Response(invite, 100, toTag: null);
        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(trying, TransactionHarness.Udp).Kind);
        using var ringing = TransactionHarness.Response(invite, 180);
        h.Layer.Process(ringing, TransactionHarness.Udp);

        h.Advance(120_000);
        Assert.Equal(1, h.CountSent(InviteLine));
        Assert.Equal(SipClientTransactionState.Proceeding, tx.State);
        Assert.False(tx.Completion.IsCompleted);
        Assert.Equal([100, 180], provisional);
    }

    [Fact]
    public async Task Invite_Non2xxFinal_SendsAckPerSection17_1_1_3AndCompletes()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-c", cseq: 42);
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var busy = TransactionHarness.Response(invite, 486, toTag: "callee-tag");

        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(busy, TransactionHarness.Udp).Kind);

        var result = await tx.Completion;
        Assert.Equal(486, result.StatusCode);
        result.Response!.Dispose();
        Assert.Equal(SipClientTransactionState.Completed, tx.State);
        var ack = Assert.Single(h.Sent, s => s.Text.StartsWith("ACK ", StringComparison.Ordinal)).Text;
        Assert.StartsWith("ACK sip:bob@203.0.113.10 SIP/2.0\r\n", ack, StringComparison.Ordinal);
        Assert.Contains("branch=z9hG4bK-c", ack, StringComparison.Ordinal);
        Assert.Contains("tag=callee-tag", ack, StringComparison.Ordinal);
        Assert.Contains("tag=from-1", ack, StringComparison.Ordinal);
        Assert.Contains("42 ACK", ack, StringComparison.Ordinal);
        Assert.Contains("<sip:proxy.example.com;lr>", ack, StringComparison.Ordinal);
        Assert.Single(ack.Split("\r\n"), l => l.StartsWith("Via:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Invite_RetransmittedFinalInCompleted_AckResentUntilTimerD()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-d");
        h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var busy = TransactionHarness.Response(invite, 486);
        h.Layer.Process(busy, TransactionHarness.Udp);

        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(busy, TransactionHarness.Udp).Kind);
        Assert.Equal(2, h.CountSent("ACK "));

        // Timer A is off in Completed; Timer D (32 s) then ends the transaction.
        h.Advance(31_999);
        Assert.Equal(1, h.CountSent(InviteLine));
        Assert.Equal(1, h.Layer.ClientTransactionCount);
        h.Advance(1);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Equal(SipIncomingKind.StrayResponse, h.Layer.Process(busy, TransactionHarness.Udp).Kind);
        Assert.Equal(2, h.CountSent("ACK "));
    }

    [Fact]
    public async Task Invite_2xx_AcceptedPasses2xxRetransmissionsToTuUntilTimerMThenStray()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-e");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var ok = TransactionHarness.Response(invite, 200);

        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(ok, TransactionHarness.Udp).Kind);
        Assert.Equal(200, (await tx.Completion).StatusCode);
        Assert.Equal(SipClientTransactionState.Accepted, tx.State);
        Assert.Equal(0, h.CountSent("ACK "));

        // RFC 6026 §8.4: no more Timer A; a retransmitted 2xx is the TU's (it re-sends its ACK), not absorbed.
        h.Advance(31_999);
        Assert.Equal(1, h.CountSent(InviteLine));
        var again = h.Layer.Process(ok, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.AcceptedResponse, again.Kind);
        Assert.False(again.Absorbed);
        Assert.Same(tx, again.Client);

        // Timer M = 64*T1: after it the transaction is gone and a late 2xx is stray (§17.1.3).
        h.Advance(1);
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Equal(SipIncomingKind.StrayResponse, h.Layer.Process(ok, TransactionHarness.Udp).Kind);
        Assert.Equal(0, h.CountSent("ACK "));
    }

    [Fact]
    public void Invite_2xxOverTcp_TimerMStill64T1()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-e-tcp");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Tcp);
        using var ok = TransactionHarness.Response(invite, 200);
        h.Layer.Process(ok, TransactionHarness.Tcp);

        h.Advance(31_999);
        Assert.Equal(SipClientTransactionState.Accepted, tx.State);
        h.Advance(1);
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_AcceptedNon2xxOrProvisional_Absorbed()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-e-late");
        h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var ok = TransactionHarness.Response(invite, 200);
        h.Layer.Process(ok, TransactionHarness.Udp);

        using var ringing = TransactionHarness.Response(invite, 180);
        using var busy = TransactionHarness.Response(invite, 486);
        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(ringing, TransactionHarness.Udp).Kind);
        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(busy, TransactionHarness.Udp).Kind);
        Assert.Equal(0, h.CountSent("ACK "));
    }

    [Fact]
    public void Invite_TimerA_EachRetransmissionReported()
    {
        using var h = new TransactionHarness();
        var reported = 0;
        h.Layer.RetransmissionSent += _ => reported++;
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-reported");
        h.Layer.SendRequest(invite, TransactionHarness.Udp);

        h.Advance(500);
        h.Advance(1000);
        h.Advance(2000);
        Assert.Equal(3, reported);
        Assert.Equal(4, h.CountSent(InviteLine));
    }

    [Fact]
    public void Invite_Tcp_NoRetransmissionsAndTimerDZero()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-f");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Tcp);
        h.Advance(20_000);
        Assert.Equal(1, h.CountSent(InviteLine));
        Assert.Equal(TransactionHarness.Tcp, h.Sent[0].To);

        using var busy = TransactionHarness.Response(invite, 486);
        h.Layer.Process(busy, TransactionHarness.Tcp);
        Assert.Equal(1, h.CountSent("ACK "));
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
    }

    [Fact]
    public async Task Invite_Tcp_TimerBStillTimesOut()
    {
        using var h = new TransactionHarness(o => o.T1 = TimeSpan.FromMilliseconds(100));
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-g");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Tcp);
        h.Advance(6_399);
        Assert.False(tx.Completion.IsCompleted);
        h.Advance(1);
        Assert.Equal(SipClientOutcome.Timeout, (await tx.Completion).Outcome);
    }

    [Fact]
    public async Task NonInvite_Udp_TimerEDoublesUpToT2ThenTimerFTimesOut()
    {
        using var h = new TransactionHarness();
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-h");
        var tx = h.Layer.SendRequest(options, TransactionHarness.Udp);

        // §17.1.2.2: 500, 1000, 2000, then T2 = 4000 each time; sends at 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s.
        var expected = 1;
        foreach (var wait in new[] { 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000 })
        {
            h.Advance(wait - 1);
            Assert.Equal(expected, h.CountSent(OptionsLine));
            h.Advance(1);
            Assert.Equal(++expected, h.CountSent(OptionsLine));
        }

        h.Advance(499);
        Assert.False(tx.Completion.IsCompleted);
        h.Advance(1);
        Assert.Equal(SipClientOutcome.Timeout, (await tx.Completion).Outcome);
        Assert.Equal(11, h.CountSent(OptionsLine));
    }

    [Fact]
    public void NonInvite_Proceeding_RetransmitsEveryT2()
    {
        using var h = new TransactionHarness();
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-i");
        var tx = h.Layer.SendRequest(options, TransactionHarness.Udp);
        using var trying = TransactionHarness.Response(options, 100, toTag: null);
        h.Layer.Process(trying, TransactionHarness.Udp);
        Assert.Equal(SipClientTransactionState.Proceeding, tx.State);

        h.Advance(500);
        Assert.Equal(2, h.CountSent(OptionsLine));
        h.Advance(3_999);
        Assert.Equal(2, h.CountSent(OptionsLine));
        h.Advance(1);
        Assert.Equal(3, h.CountSent(OptionsLine));
        h.Advance(4_000);
        Assert.Equal(4, h.CountSent(OptionsLine));
    }

    [Fact]
    public async Task NonInvite_Final_TimerKAbsorbsRetransmissionsThenTerminates()
    {
        using var h = new TransactionHarness();
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-j");
        var provisional = 0;
        var tx = h.Layer.SendRequest(options, TransactionHarness.Udp, (_, _) => provisional++);
        using var ok = TransactionHarness.Response(options, 200);
        h.Layer.Process(ok, TransactionHarness.Udp);
        Assert.Equal(200, (await tx.Completion).StatusCode);

        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(ok, TransactionHarness.Udp).Kind);
        h.Advance(10_000);
        Assert.Equal(1, h.CountSent(OptionsLine));
        Assert.Equal(0, provisional);

        // Timer K = T4 = 5 s, already passed.
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Equal(SipIncomingKind.StrayResponse, h.Layer.Process(ok, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void NonInvite_TimerK_FiresAtExactlyT4()
    {
        using var h = new TransactionHarness(o => o.T4 = TimeSpan.FromSeconds(2));
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-k");
        h.Layer.SendRequest(options, TransactionHarness.Udp);
        using var ok = TransactionHarness.Response(options, 200);
        h.Layer.Process(ok, TransactionHarness.Udp);
        h.Advance(1_999);
        Assert.Equal(1, h.Layer.ClientTransactionCount);
        h.Advance(1);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
    }

    [Fact]
    public async Task Send_TransportFails_CompletesWithTransportError()
    {
        using var h = new TransactionHarness { FailSends = true };
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-l");
        var tx = h.Layer.SendRequest(options, TransactionHarness.Udp);
        var result = await tx.Completion;
        Assert.Equal(SipClientOutcome.TransportError, result.Outcome);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
    }

    [Fact]
    public void SendRequest_BranchWithoutMagicCookie_Throws()
    {
        using var h = new TransactionHarness();
        using var request = TransactionHarness.Request(SipMethod.Options, "old-style-branch");
        Assert.Throws<ArgumentException>(() => h.Layer.SendRequest(request, TransactionHarness.Udp));
    }

    [Fact]
    public async Task CreateCancel_SameBranchOwnTransaction_ResponsesRoutedByCSeqMethod()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-m", cseq: 7);
        var inviteTx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var ringing = TransactionHarness.Response(invite, 180);
        h.Layer.Process(ringing, TransactionHarness.Udp);

        using var cancel = inviteTx.CreateCancel();
        Assert.Equal(SipMethodKind.Cancel, cancel.Method.Kind);
        Assert.Equal("z9hG4bK-m", cancel.TopVia!.Branch);
        Assert.Equal(new CSeqHeader(7, SipMethod.Cancel), cancel.CSeq);
        Assert.Null(cancel.To.Tag);
        var cancelTx = h.Layer.SendRequest(cancel, TransactionHarness.Udp);

        using var cancelOk = TransactionHarness.Response(cancel, 200);
        Assert.Equal(cancelTx, h.Layer.Process(cancelOk, TransactionHarness.Udp).Client);
        Assert.Equal(200, (await cancelTx.Completion).StatusCode);
        Assert.False(inviteTx.Completion.IsCompleted);

        using var terminated = TransactionHarness.Response(invite, 487);
        Assert.Equal(inviteTx, h.Layer.Process(terminated, TransactionHarness.Udp).Client);
        Assert.Equal(487, (await inviteTx.Completion).StatusCode);
    }

    [Fact]
    public async Task Invite_TimerC_RestartedByProvisionalsThenReportsTimeoutButStillAcks487()
    {
        using var h = new TransactionHarness(o => o.TimerC = TimeSpan.FromSeconds(180));
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-timer-c");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var ringing = TransactionHarness.Response(invite, 180);
        h.Layer.Process(ringing, TransactionHarness.Udp);

        h.Advance(179_000);
        h.Layer.Process(ringing, TransactionHarness.Udp);
        h.Advance(179_999);
        Assert.False(tx.Completion.IsCompleted);
        h.Advance(1);
        Assert.Equal(SipClientOutcome.Timeout, (await tx.Completion).Outcome);
        Assert.Equal(SipClientTransactionState.Proceeding, tx.State);

        // The TU cancels; the 487 that follows is still ACKed by this transaction (§17.1.1.3).
        using var terminated = TransactionHarness.Response(invite, 487);
        Assert.Equal(SipIncomingKind.ResponseConsumed, h.Layer.Process(terminated, TransactionHarness.Udp).Kind);
        Assert.Equal(1, h.CountSent("ACK "));
    }

    [Fact]
    public void Invite_TimerCGraceWithoutFinal_TransactionEnds()
    {
        using var h = new TransactionHarness(o => o.TimerC = TimeSpan.FromSeconds(180));
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-timer-c2");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        using var ringing = TransactionHarness.Response(invite, 180);
        h.Layer.Process(ringing, TransactionHarness.Udp);

        h.Advance(180_000);
        h.Advance(31_999);
        Assert.Equal(1, h.Layer.ClientTransactionCount);
        h.Advance(1);
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
    }
}
