using Microsoft.Extensions.Options;
using Switchboard.Sip.Transactions;

namespace Switchboard.Sip.Tests.Transactions;

public class SipTransactionLayerTests
{
    [Fact]
    public void Cancel_SameBranchAsInvite_NamesTheInviteTransaction()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-c1", cseq: 5);
        var inviteTx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        using var cancel = TransactionHarness.Request(SipMethod.Cancel, "z9hG4bK-c1", cseq: 5);

        var result = h.Layer.Process(cancel, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.Cancel, result.Kind);
        Assert.Same(inviteTx, result.CancelTarget);
        Assert.True(inviteTx.IsCancelled);
        Assert.NotSame(inviteTx, result.Server);
        Assert.Equal(SipMethodKind.Cancel, result.Server!.Method.Kind);
        Assert.Equal(2, h.Layer.ServerTransactionCount);

        // Its own retransmission is absorbed by the CANCEL transaction, not taken for the INVITE.
        Assert.Equal(SipIncomingKind.RequestRetransmission, h.Layer.Process(cancel, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void Cancel_UnknownBranch_NoTargetSoTuAnswers481()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-c2");
        h.Layer.Process(invite, TransactionHarness.Udp);
        using var cancel = TransactionHarness.Request(SipMethod.Cancel, "z9hG4bK-other");

        var result = h.Layer.Process(cancel, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.Cancel, result.Kind);
        Assert.Null(result.CancelTarget);
    }

    [Fact]
    public void Cancel_SameBranchFromOtherSentBy_NoTarget()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-c3");
        h.Layer.Process(invite, TransactionHarness.Udp);
        using var cancel = TransactionHarness.Request(SipMethod.Cancel, "z9hG4bK-c3", viaHost: "192.0.2.99");
        Assert.Null(h.Layer.Process(cancel, TransactionHarness.Udp).CancelTarget);
    }

    [Fact]
    public void MergedRequest_SameFromTagCallIdCSeqOtherBranch_Answered482()
    {
        using var h = new TransactionHarness();
        using var first = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-path-a", viaHost: "192.0.2.1");
        using var second = TransactionHarness.Request(SipMethod.Invite, "z9hG4bK-path-b", viaHost: "192.0.2.2");
        Assert.Equal(SipIncomingKind.NewRequest, h.Layer.Process(first, TransactionHarness.Udp).Kind);

        var result = h.Layer.Process(second, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.MergedRequest, result.Kind);
        Assert.True(result.Absorbed);
        Assert.Equal(1, h.CountSent("SIP/2.0 482"));

        // A retransmission of the merged copy gets the 482 again from its own transaction.
        Assert.Equal(SipIncomingKind.RequestRetransmission, h.Layer.Process(second, TransactionHarness.Udp).Kind);
        Assert.Equal(2, h.CountSent("SIP/2.0 482"));
    }

    [Fact]
    public void MergedRequest_WithToTag_NotConsideredMerged()
    {
        using var h = new TransactionHarness();
        using var first = TransactionHarness.Request(SipMethod.Bye, "z9hG4bK-m1", toTag: "dlg");
        using var second = TransactionHarness.Request(SipMethod.Bye, "z9hG4bK-m2", toTag: "dlg");
        h.Layer.Process(first, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.NewRequest, h.Layer.Process(second, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void MergedRequest_AfterFirstTransactionEnded_NewRequest()
    {
        using var h = new TransactionHarness();
        using var first = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-m3");
        var tx = h.Layer.Process(first, TransactionHarness.Tcp).Server!;
        tx.Respond(SipResponseBuilder.For(first, 200).WithToTag("x"));

        using var second = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-m4");
        Assert.Equal(SipIncomingKind.NewRequest, h.Layer.Process(second, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void Rfc2543_BranchWithoutCookie_RetransmissionMatchedByFallbackRules()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "2543-branch");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;

        using var again = TransactionHarness.Request(SipMethod.Invite, "2543-branch");
        var result = h.Layer.Process(again, TransactionHarness.Udp);
        Assert.Equal(SipIncomingKind.RequestRetransmission, result.Kind);
        Assert.Same(tx, result.Server);

        // A different CSeq is a different request under §17.2.3's fallback rules.
        using var next = TransactionHarness.Request(SipMethod.Invite, "2543-branch", cseq: 2);
        Assert.NotEqual(SipIncomingKind.RequestRetransmission, h.Layer.Process(next, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void Rfc2543_AckMustCarryToTagOfOurResponse()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "2543-ack");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        tx.Respond(SipResponseBuilder.For(invite, 486).WithToTag("ours"));

        using var foreignAck = TransactionHarness.Request(SipMethod.Ack, "2543-ack", toTag: "someone-else");
        Assert.Equal(SipIncomingKind.AckOutsideTransaction, h.Layer.Process(foreignAck, TransactionHarness.Udp).Kind);
        Assert.Equal(SipServerTransactionState.Completed, tx.State);

        using var ack = TransactionHarness.Request(SipMethod.Ack, "2543-ack", toTag: "ours");
        Assert.Equal(SipIncomingKind.AckAbsorbed, h.Layer.Process(ack, TransactionHarness.Udp).Kind);
        Assert.Equal(SipServerTransactionState.Confirmed, tx.State);
    }

    [Fact]
    public void Rfc2543_CancelFindsInviteWithoutCookie()
    {
        using var h = new TransactionHarness();
        using var invite = TransactionHarness.Request(SipMethod.Invite, "2543-cancel");
        var tx = h.Layer.Process(invite, TransactionHarness.Udp).Server!;
        using var cancel = TransactionHarness.Request(SipMethod.Cancel, "2543-cancel");
        Assert.Same(tx, h.Layer.Process(cancel, TransactionHarness.Udp).CancelTarget);
    }

    [Fact]
    public void Response_NoClientTransaction_Stray()
    {
        using var h = new TransactionHarness();
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-never-sent");
        using var ok = TransactionHarness.Response(options, 200);
        Assert.Equal(SipIncomingKind.StrayResponse, h.Layer.Process(ok, TransactionHarness.Udp).Kind);
    }

    [Fact]
    public void Dispose_PendingClientTransaction_CompletionCancelledAndTimersStopped()
    {
        var h = new TransactionHarness();
        using var options = TransactionHarness.Request(SipMethod.Options, "z9hG4bK-d1");
        var tx = h.Layer.SendRequest(options, TransactionHarness.Udp);
        h.Dispose();
        h.Advance(60_000);
        Assert.True(tx.Completion.IsCanceled);
        Assert.Single(h.Sent);
    }

    [Fact]
    public void Constructor_T2BelowT1_ThrowsNamingKey()
    {
        var options = Options.Create(new SipTransactionOptions { T1 = TimeSpan.FromSeconds(2), T2 = TimeSpan.FromSeconds(1) });
        var ex = Assert.Throws<OptionsValidationException>(() => new SipTransactionLayer(options, (_, _, _) => ValueTask.FromResult(true), TimeProvider.System));
        Assert.Contains("Sip:Transactions:T2", ex.Message, StringComparison.Ordinal);
    }
}
