using Switchboard.Sip.Transactions;

namespace Switchboard.Sip.Tests.Transactions;

public class SipServerTransactionTests
{
    [Fact]
    public void Invite_New_CreatesTransactionAndSends100TryingToSource()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s1");
        var result = h.Layer.Process(invite, TransactionHarness.Udp);

        Assert.Equal(SipIncomingKind.NewRequest, result.Kind);
        Assert.False(result.Absorbed);
        Assert.Equal(SipServerTransactionState.Proceeding, result.Server!.State);
        var (text, to) = Assert.Single(h.Sent);
        Assert.StartsWith("SIP/2.0 100 Trying", text, StringComparison.Ordinal);
        Assert.Equal(TransactionHarness.Udp, to);
    }

    [Fact]
    public void Invite_TryingDisabled_NothingSentUntilTuAnswers()
    {
        using var h = new TransactionHarness(o => o.SendTryingForInvite = false);
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s2");
        h.Layer.Process(invite, TransactionHarness.Udp);
        Assert.Empty(h.Sent);
    }

    [Fact]
    public void Invite_RetransmissionInProceeding_ResendsLastProvisional()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s3");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 180).WithToTag("uas"));

        var again = h.Layer.Process(invite, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.RequestRetransmission, again.Kind);
        Assert.True(again.Absorbed);
        Assert.Same(tx, again.Server);
        Assert.Equal(2, h.CountSent("SIP/2.0 180"));
        Assert.Equal(1, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public void Invite_Non2xxOverUdp_TimerGRetransmitsCappedAtT2UntilTimerHReportsAckTimeout()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s4");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 486).WithToTag("uas"));
        Assert.Equal(SipServerTransactionState.Completed, tx.State);

        // Timer G: 500, 1000, 2000, 4000, 4000 ... (min(2G, T2)), §17.2.1.
        var expected = 1;
        foreach (var wait in new[] { 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000 })
        {
            h.Advance(wait - 1);
            Assert.Equal(expected, h.CountSent("SIP/2.0 486"));
            h.Advance(1);
            Assert.Equal(++expected, h.CountSent("SIP/2.0 486"));
        }

        // Timer H = 64*T1 = 32 s; 31.5 s have passed.
        h.Advance(499);
        Assert.Empty(h.Failures);
        h.Advance(1);
        Assert.Equal((tx, SipTransactionError.AckTimeout), Assert.Single(h.Failures));
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public void Invite_AckForNon2xx_AbsorbedStopsTimerGAndTimerIEnds()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s5");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 603).WithToTag("uas"));

        using var ack = TransactionHarness.Request(SipMethod.Ack, "z9hG4bK-s5", toTag: "uas");
        var result = h.Layer.Process(ack, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.AckAbsorbed, result.Kind);
        Assert.Same(tx, result.Server);
        Assert.Equal(SipServerTransactionState.Confirmed, tx.State);

        h.Advance(4_999);
        Assert.Equal(1, h.CountSent("SIP/2.0 603"));
        Assert.Equal(SipIncomingKind.AckAbsorbed, h.Layer.Process(ack, TransactionHarness.Udp).Kind);

        // Timer I = T4.
        h.Advance(1);
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
        Assert.Empty(h.Failures);
        Assert.Equal(SipIncomingKind.AckOutsideTransaction, h.Layer.Process(ack, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void Invite_RetransmittedInviteInCompleted_ResendsFinal()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s6");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 404).WithToTag("uas"));

        Assert.Equal(SipIncomingKind.RequestRetransmission, h.Layer.Process(invite, TransactionHarness.Udp).Kind);
        Assert.Equal(2, h.CountSent("SIP/2.0 404"));
    }

    [Fact]
    public void Invite_Tcp_Non2xxNoTimerGAndAckEndsAtOnce()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s7");
        var tx = h.Layer.Process(invite, TransactionHarness.Tcp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 486).WithToTag("uas"));
        h.Advance(10_000);
        Assert.Equal(1, h.CountSent("SIP/2.0 486"));
        Assert.Equal(TransactionHarness.Tcp, h.Sent[^1].To);

        using var ack = TransactionHarness.Request(SipMethod.Ack, "z9hG4bK-s7", toTag: "uas");
        h.Layer.Process(ack, TransactionHarness.Tcp);
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_2xx_AcceptedWithoutTimerGUntilTimerL()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));

        // RFC 6026 §8.5: Accepted; the transaction never retransmits the 2xx itself (that is the TU's, §13.3.1.4).
        Assert.Equal(SipServerTransactionState.Accepted, tx.State);
        h.Advance(31_999);
        Assert.Equal(1, h.CountSent("SIP/2.0 200"));
        Assert.Equal(1, h.Layer.ServerTransactionCount);

        // Timer L = 64*T1 ends it without reporting a failure.
        h.Advance(1);
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ServerTransactionCount);
        Assert.Empty(h.Failures);
    }

    [Fact]
    public void Invite_2xxOverTcp_TimerLStill64T1()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-tcp");
        var tx = h.Layer.Process(invite, TransactionHarness.Tcp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));

        h.Advance(31_999);
        Assert.Equal(SipServerTransactionState.Accepted, tx.State);
        h.Advance(1);
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_AcceptedRetransmittedInvite_AbsorbedWithoutResending()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-retx");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));

        var again = h.Layer.Process(invite, TransactionHarness.Udp);

        Assert.Equal(SipIncomingKind.RequestRetransmission, again.Kind);
        Assert.True(again.Absorbed);
        Assert.Same(tx, again.Server);
        Assert.Equal(1, h.CountSent("SIP/2.0 200"));
    }

    [Fact]
    public void Invite_AcceptedAckOnInviteBranch_PassedToTuTransactionStaysAccepted()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-ack");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));
        using var ack = TransactionHarness.Request(SipMethod.Ack, "z9hG4bK-s8-ack", toTag: "uas");

        var result = h.Layer.Process(ack, TransactionHarness.Udp);

        Assert.Equal(SipIncomingKind.AcceptedAck, result.Kind);
        Assert.False(result.Absorbed);
        Assert.Same(tx, result.Server);
        Assert.Equal(SipServerTransactionState.Accepted, tx.State);
    }

    [Fact]
    public void Invite_AcceptedResponseReleased_NoMoreRetransmissionsOfThe2xx_InviteStillAbsorbed()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-acked");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));
        using var ack = TransactionHarness.Request(SipMethod.Ack, "z9hG4bK-s8-acked", toTag: "uas");
        h.Layer.Process(ack, TransactionHarness.Udp);

        // An ACK alone changes nothing: the TU decides when its retransmissions are over (§13.3.1.4).
        Assert.True(tx.RetransmitResponse());
        tx.ReleaseResponse();

        Assert.False(tx.RetransmitResponse());
        var again = h.Layer.Process(invite, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.RequestRetransmission, again.Kind);
        Assert.Equal(SipServerTransactionState.Accepted, tx.State);
        Assert.Equal(2, h.CountSent("SIP/2.0 200"));
    }

    [Fact]
    public void Invite_AcceptedAckOnNewBranch_LeftToTheDialog()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-dlg");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));
        using var ack = TransactionHarness.Request(SipMethod.Ack, "z9hG4bK-new-for-2xx-ack", toTag: "uas");

        Assert.Equal(SipIncomingKind.AckOutsideTransaction, h.Layer.Process(ack, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void RetransmitResponse_OnlyWhileAccepted()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-tu");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        Assert.False(tx.RetransmitResponse());
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));

        Assert.True(tx.RetransmitResponse());
        Assert.True(tx.RetransmitResponse());
        Assert.Equal(3, h.CountSent("SIP/2.0 200"));
        Assert.All(h.Sent, s => Assert.Equal(TransactionHarness.Udp, s.To));

        h.Advance(32_000);
        Assert.False(tx.RetransmitResponse());
        Assert.Equal(3, h.CountSent("SIP/2.0 200"));
    }

    [Fact]
    public void TryRespond_AfterFinal_FalseAndNothingSent()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-try");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;

        Assert.True(tx.TryRespond(SipResponseBuilder.For(invite, 180).WithToTag("uas")));
        Assert.True(tx.TryRespond(SipResponseBuilder.For(invite, 200).WithToTag("uas")));
        Assert.False(tx.TryRespond(SipResponseBuilder.For(invite, 487).WithToTag("uas")));
        Assert.False(tx.TryRespond(SipResponseBuilder.For(invite, 183).WithToTag("uas")));

        Assert.Equal(0, h.CountSent("SIP/2.0 487"));
        Assert.Equal(0, h.CountSent("SIP/2.0 183"));
        Assert.Equal(200, tx.LastStatusCode);
    }

    [Fact]
    public void Invite_TimerG_EachRetransmissionReported()
    {
        using var h = new TransactionHarness();
        var reported = new List<SipTransaction>();
        h.Layer.RetransmissionSent += reported.Add;
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s8-g");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 486).WithToTag("uas"));

        h.Advance(500);
        h.Advance(1000);

        Assert.Equal([tx, tx], reported);
    }

    [Fact]
    public void Respond_AfterFinal_ThrowsAsTuBug()
    {
        using var h = new TransactionHarness();
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-s9");
        var tx = h.Layer.Process(options, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(options, 200).WithToTag("uas"));
        Assert.Throws<InvalidOperationException>(() => tx.Respond(SipResponseBuilder.For(options, 500)));
    }

    [Fact]
    public void NonInvite_RetransmissionWhileTrying_AbsorbedSilently()
    {
        using var h = new TransactionHarness();
        using var register = TransactionHarness.Request(SipMethod.Register, "z9hG4bK-s10");
        var tx = h.Layer.Process(register, TransactionHarness.Udp).Server!;
        Assert.Equal(SipServerTransactionState.Trying, tx.State);

        Assert.Equal(SipIncomingKind.RequestRetransmission, h.Layer.Process(register, TransactionHarness.Udp).Kind);
        Assert.Empty(h.Sent);
    }

    [Fact]
    public void NonInvite_RetransmissionInProceedingAndCompleted_ResendsLastResponse()
    {
        using var h = new TransactionHarness();
        using var register = TransactionHarness.Request(SipMethod.Register, "z9hG4bK-s11");
        var tx = h.Layer.Process(register, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(register, 100));
        Assert.Equal(SipServerTransactionState.Proceeding, tx.State);
        h.Layer.Process(register, TransactionHarness.Udp);
        Assert.Equal(2, h.CountSent("SIP/2.0 100"));

        tx.Respond(SipResponseBuilder.For(register, 401).WithToTag("uas"));
        Assert.Equal(SipServerTransactionState.Completed, tx.State);
        h.Layer.Process(register, TransactionHarness.Udp);
        Assert.Equal(2, h.CountSent("SIP/2.0 401"));
    }

    [Fact]
    public void NonInvite_Udp_TimerJKeepsTransactionFor64T1()
    {
        using var h = new TransactionHarness();
        using var register = TransactionHarness.Request(SipMethod.Register, "z9hG4bK-s12");
        var tx = h.Layer.Process(register, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(register, 200).WithToTag("uas"));

        // No retransmission of non-INVITE responses by timer (§17.2.2), only on request retransmission.
        h.Advance(31_999);
        Assert.Equal(1, h.CountSent("SIP/2.0 200"));
        Assert.Equal(SipServerTransactionState.Completed, tx.State);
        h.Advance(1);
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
        Assert.Equal(SipIncomingKind.NewRequest, h.Layer.Process(register, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void NonInvite_Tcp_FinalEndsTransactionAtOnce()
    {
        using var h = new TransactionHarness();
        using var register = TransactionHarness.Request(SipMethod.Register, "z9hG4bK-s13");
        var tx = h.Layer.Process(register, TransactionHarness.Tcp).Server!;
        tx.Respond(SipResponseBuilder.For(register, 200).WithToTag("uas"));
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public void Respond_TransportFails_ReportsTransportError()
    {
        using var h = new TransactionHarness(o => o.SendTryingForInvite = false);
        using var register = TransactionHarness.Request(SipMethod.Register, "z9hG4bK-s14");
        var tx = h.Layer.Process(register, TransactionHarness.Udp).Server!;
        h.FailSends = true;
        tx.Respond(SipResponseBuilder.For(register, 200).WithToTag("uas"));
        Assert.Equal((tx, SipTransactionError.TransportError), Assert.Single(h.Failures));
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Unanswered_AfterAbandonTimeout_DroppedAndReported()
    {
        using var h = new TransactionHarness(o => o.AbandonedServerTransactionTimeout = TimeSpan.FromMinutes(1));
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-s15");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        h.Advance(59_999);
        Assert.Equal(1, h.Layer.ServerTransactionCount);
        h.Advance(1);
        Assert.Equal((tx, SipTransactionError.Abandoned), Assert.Single(h.Failures));
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public void Owner_NonInviteAnswered_Released()
    {
        using var h = new TransactionHarness();
        using var bye = TransactionHarness.Request(SipMethod.Bye, "z9hG4bK-own1", toTag: "uas");
        var tx = h.Layer.Process(bye, TransactionHarness.Udp).Server!;
        tx.Owner = new object();

        tx.Respond(SipResponseBuilder.For(bye, 200));

        // Timer J keeps the transaction for retransmissions (§17.2.2), not what the TU hung on it.
        Assert.Equal(SipServerTransactionState.Completed, tx.State);
        Assert.Null(tx.Owner);
    }

    [Fact]
    public void Owner_InviteRejected_KeptUntilTheAck()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-own2");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        var owner = new object();
        tx.Owner = owner;
        tx.Respond(SipResponseBuilder.For(invite, 486).WithToTag("uas"));
        Assert.Same(owner, tx.Owner);

        using var ack = TransactionHarness.Request(SipMethod.Ack, "z9hG4bK-own2", toTag: "uas");
        h.Layer.Process(ack, TransactionHarness.Udp);

        Assert.Equal(SipServerTransactionState.Confirmed, tx.State);
        Assert.Null(tx.Owner);
    }

    [Fact]
    public void ReleaseOwner_Accepted_StaysAcceptedWithoutIt()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-own3");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Owner = new object();
        tx.Respond(SipResponseBuilder.For(invite, 200).WithToTag("uas"));

        tx.ReleaseOwner();

        Assert.Equal(SipServerTransactionState.Accepted, tx.State);
        Assert.Null(tx.Owner);
        Assert.Equal(SipIncomingKind.RequestRetransmission, h.Layer.Process(invite, TransactionHarness.Udp).Kind);
    }
}
