using System.Net;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Calls;

/// <summary>Requests on a call's legs: client transactions, ACK, BYE and CANCEL, and where a dialog's requests go.</summary>
public sealed class LegSignaller(
    SipTransactionLayer transactions,
    SipTransactionMetrics transactionMetrics,
    LegRequestFactory requests,
    SipOutbound outbound,
    CallTable calls,
    CallGrainLink link)
{
    /// <summary>Starts a client transaction (RFC 3261 §17.1) on the edge's transaction layer and counts it.</summary>
    public SipClientTransaction Send(SipRequest request, SipEndPoint destination, SipResponseHandler? onResponse = null)
    {
        transactionMetrics.ClientTransactionStarted();
        return onResponse is null ? transactions.SendRequest(request, destination) : transactions.SendRequest(request, destination, onResponse);
    }

    /// <summary>Our 2xx to the caller, once more, through its Accepted INVITE transaction (RFC 6026 §8.5).</summary>
    public bool RetransmitAnswer(CallSession session)
    {
        if (!session.Caller.Transaction.RetransmitResponse())
        {
            return false;
        }

        transactionMetrics.RetransmissionSent();
        return true;
    }

    /// <summary>The ACK for the leg's 2xx (RFC 3261 §13.2.2.4): a request of the dialog, kept to answer retransmissions.</summary>
    public async Task AckAsync(CalleeLeg leg)
    {
        var destination = leg.Destination!.Value;
        var (_, ack) = requests.InDialog(leg.Dialog, SipMethod.Ack, leg.InviteCSeq, destination.Kind);
        leg.Ack = ack;
        await outbound.SendAsync(ack, destination, "ACK");
    }

    public async Task ByeLegAsync(CallSession session, CalleeLeg leg)
    {
        var destination = leg.Destination!.Value;
        var (bye, _) = requests.InDialog(leg.Dialog, SipMethod.Bye, leg.InviteCSeq + 1, destination.Kind);
        await Send(bye, destination).Completion;
        await link.ReportLegEndedAsync(session.CallId, leg.LegCallId);
    }

    /// <summary>A BYE on any dialog of the call, built from its state with the CSeq the grain allocated.</summary>
    public async Task ByeDialogAsync(LegDialog dialog, long cseq)
    {
        if (await DialogDestinationAsync(dialog) is { } destination)
        {
            var (bye, _) = requests.InDialog(dialog, SipMethod.Bye, cseq, destination.Kind);
            await Send(bye, destination).Completion;
        }
    }

    /// <summary>
    /// CANCEL a branch still ringing (RFC 3261 §9.1: only while no final response arrived); its 487 then flows through
    /// the normal response path. The CANCEL is built by the INVITE's transaction: same branch, its own transaction.
    /// </summary>
    public Task CancelLegAsync(CalleeLeg leg)
    {
        if (leg.Invite is not { } invite || leg.Finished
            || invite.State is not (SipClientTransactionState.Calling or SipClientTransactionState.Proceeding)
            || !leg.TryClaimCancel())
        {
            return Task.CompletedTask;
        }

        // Null when the callee's 2xx crossed this decision: that 2xx is the response handler's to ACK and end.
        using var cancel = invite.TryCreateCancel();
        if (cancel is not null)
        {
            Send(cancel, invite.RemoteEndPoint);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Where an in-dialog request for <paramref name="dialog"/> goes. A trunk's address is a name that may resolve to
    /// several servers, and only the one that took the INVITE knows the dialog: when this edge placed the leg it sends
    /// there again instead of asking DNS, whose weighted order can pick another server each time (RFC 2782).
    /// </summary>
    public async ValueTask<SipEndPoint?> DialogDestinationAsync(LegDialog dialog)
    {
        if (!IPAddress.TryParse(dialog.RemoteAddress.Host.Trim('[', ']'), out _)
            && calls.FindByLeg(dialog.LegCallId)?.Legs.Find(dialog.LegCallId) is { Destination: { } used })
        {
            return used;
        }

        return await outbound.ResolveAsync(dialog.RemoteAddress);
    }

    /// <summary>
    /// A 2xx matching no client transaction: the callee retransmitted it after Timer M (RFC 6026 §8.4). If this leg
    /// already ACKed it, the ACK was lost: send the same ACK again (§13.2.2.4).
    /// </summary>
    public Task OnStrayResponseAsync(SipResponse response)
    {
        if (!response.IsSuccess || response.CSeq.Method != SipMethod.Invite
            || calls.FindByLeg(response.CallId)?.Legs.Find(response.CallId) is not { Ack: { } ack, Destination: { } destination })
        {
            return Task.CompletedTask;
        }

        return outbound.SendAsync(ack, destination, "ACK").AsTask();
    }
}
