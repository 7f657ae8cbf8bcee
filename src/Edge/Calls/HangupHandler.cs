using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

/// <summary>
/// The end of calls at this edge: CANCEL, BYE and ACK from the parties, hang-ups reported to the grain, and the
/// grain's termination orders (BYE, CANCEL, final response per leg) carried out.
/// </summary>
public sealed class HangupHandler(
    CallGrainLink link,
    ClusterGuard guard,
    LegSignaller signaller,
    SessionTeardown teardown,
    SipResponder responder,
    CallTable calls,
    ReinviteAnswers reinviteAnswers,
    IOptions<SipTransactionOptions> transactionOptions,
    TimeProvider timeProvider,
    LogRedaction redaction,
    ILogger<HangupHandler> logger)
{
    /// <summary>
    /// CANCEL from the caller (RFC 3261 §9.2): 200 for the CANCEL, 487 for the INVITE, then the grain ends the call.
    /// <paramref name="invite"/> is the INVITE the transaction layer matched it to, null when none (481).
    /// </summary>
    public async Task OnCancelAsync(InboundRequest cancel, InboundRequest? invite)
    {
        if (invite is null)
        {
            await responder.RespondAsync(cancel, 481);
            return;
        }

        await responder.RespondAsync(cancel, 200);
        await responder.RespondAsync(invite, 487);
        if (invite.Owner is CallSession session)
        {
            await HangupAsync(session.CallId, session.CallerDialog.LegCallId, HangupKind.Cancel, "CANCEL");
            foreach (var leg in session.Legs.Values)
            {
                await signaller.CancelLegAsync(leg);
            }
        }
    }

    /// <summary>BYE on any leg, at any edge: answer 200 (§15.1.2), then end the other legs as the grain says.</summary>
    public async Task OnByeAsync(InboundRequest bye)
    {
        var legCallId = bye.Request.CallId;
        var local = calls.FindByLeg(legCallId);
        var callId = local?.CallId ?? link.FindCall(bye.Request);
        if (callId is null)
        {
            await responder.RespondAsync(bye, 481);
            return;
        }

        if (local is null)
        {
            // Found by our tag alone: the call may be long gone (its grain then holds no call and says Initiating),
            // or lost with its silo. Asked before the answer, so such a BYE gets 481 (RFC 3261 §15.1.2); one that
            // crosses the end of a call whose grain still lingers gets its 200.
            if (await HangupAsync(callId, legCallId, HangupKind.Bye, "BYE") is CallState.Initiating)
            {
                await responder.RespondAsync(bye, 481);
                return;
            }

            await responder.RespondAsync(bye, 200);
        }
        else
        {
            await responder.RespondAsync(bye, 200);
            await HangupAsync(callId, legCallId, HangupKind.Bye, "BYE");
        }

        // No LegEnded for this leg: the grain counts a leg that hung up as ended when it hears of the hang-up
        // (it awaits confirmation only of the legs it orders ended), so the report was a grain call that changed nothing.
        if (calls.FindByCall(callId) is { } session)
        {
            await teardown.EndSessionAsync(session, "BYE");
        }
    }

    /// <summary>
    /// The ACK for a 2xx (the transaction layer absorbs those for non-2xx finals, §17.2.1). For the 2xx of the initial
    /// INVITE it stops our 2xx retransmissions (§13.3.1.4) and confirms the call. ACKs for re-INVITE 2xx are
    /// absorbed: the edge ACKed the other leg itself. <paramref name="invite"/> is the Accepted INVITE transaction
    /// it matched (RFC 6026 §8.5), when it matched one.
    /// </summary>
    public async Task OnAckAsync(SipRequest request, SipServerTransaction? invite)
    {
        if (reinviteAnswers.Acknowledge(request))
        {
            return;
        }

        var session = (invite?.Owner as InboundRequest)?.Owner as CallSession ?? calls.FindByLeg(request.CallId);
        if (session is not null && request.CSeq.Number != session.CallerDialog.RemoteCSeq)
        {
            return;
        }

        if (session is not null && session.CallerDialog.LegCallId == request.CallId && session.Answer?.Acknowledge() == true)
        {
            session.Caller.Transaction.ReleaseResponse();
            session.ReleaseSetup();
        }

        try
        {
            var callId = session?.CallId ?? link.FindCall(request);
            if (callId is not null)
            {
                await guard.IdempotentAsync(_ => link.Call(callId).Acknowledged(request.CallId), CancellationToken.None);
            }
        }
        catch (ClusterUnavailableException)
        {
            // The grain's ACK timeout will end the call if it never learns of this ACK.
        }
    }

    /// <summary>
    /// Reports a hang-up and executes the legs the grain gives back to this edge. Returns the call's state after it,
    /// or null when the cluster could not be asked.
    /// </summary>
    public async Task<CallState?> HangupAsync(string callId, string legCallId, HangupKind kind, string reason)
    {
        try
        {
            var verdict = await guard.IdempotentAsync(_ => link.Call(callId).HangupReceived(new LegHangup(legCallId, kind, link.EdgeId, reason)), CancellationToken.None);
            await ExecuteAsync(callId, verdict.Terminate);
            return verdict.State;
        }
        catch (ClusterUnavailableException)
        {
            // Without the grain we still end what this edge holds, so no leg is left up talking to nobody.
            if (calls.FindByCall(callId) is { } session)
            {
                await EndLocallyAsync(session, legCallId);
            }

            return null;
        }
    }

    /// <summary>Executes the grain's termination orders (from a verdict or an <see cref="EdgeCommand"/>).</summary>
    public async Task ExecuteAsync(string callId, IReadOnlyList<LegTermination> legs)
    {
        await Task.WhenAll(legs.Select(t => TerminateAsync(callId, t)));
        if (legs.Count > 0 && calls.FindByCall(callId) is { } session && (session.IsAnswered || session.Caller.IsCompleted))
        {
            await teardown.EndSessionAsync(session, "terminated");
        }
    }

    /// <summary>
    /// No ACK for our 2xx within 64·T1 (RFC 3261 §13.3.1.4): the session must end. Reported as
    /// <see cref="HangupKind.AckTimeout"/>, the same end the grain's own ACK timeout makes: every leg gets a BYE
    /// and the call is not charged.
    /// </summary>
    public async Task AckTimedOutAsync(CallSession session)
    {
        EdgeLog.AckTimeout(logger, session.CallId, session.Answer?.Retransmissions ?? 0, redaction.Show(session.CallerDialog.LegCallId));
        try
        {
            await HangupAsync(session.CallId, session.CallerDialog.LegCallId, HangupKind.AckTimeout, "no ACK for 2xx");
        }
        catch (Exception ex)
        {
            EdgeLog.HandlerFailed(logger, ex, "ACK timeout", session.CallerDialog.LegCallId);
        }
    }

    private async Task TerminateAsync(string callId, LegTermination termination)
    {
        var dialog = termination.Dialog;
        var session = calls.FindByLeg(dialog.LegCallId);
        switch (termination.Method)
        {
            case TerminationMethod.Bye:
                await signaller.ByeDialogAsync(dialog, termination.CSeq);
                break;
            case TerminationMethod.Cancel:
                if (session?.Legs.Find(dialog.LegCallId) is { Invite: { } invite } leg && !leg.Finished)
                {
                    await signaller.CancelLegAsync(leg);
                    await Task.WhenAny(invite.Completion, Task.Delay(transactionOptions.Value.T1 * 64, timeProvider));
                }

                break;
            case TerminationMethod.Reject:
                if (session is not null && session.CallerDialog.LegCallId == dialog.LegCallId)
                {
                    await responder.RespondAsync(session.Caller, termination.Status, string.IsNullOrEmpty(termination.Reason) ? null : termination.Reason);
                    foreach (var pending in session.Legs.Values)
                    {
                        await signaller.CancelLegAsync(pending);
                    }
                }

                break;
        }

        await link.ReportLegEndedAsync(callId, dialog.LegCallId);
    }

    /// <summary>Cluster away: BYE the answered legs we know and cancel the pending ones from local state.</summary>
    private async Task EndLocallyAsync(CallSession session, string exceptLeg)
    {
        foreach (var leg in session.Legs.Values)
        {
            if (leg.Ack is not null && leg.LegCallId != exceptLeg)
            {
                await signaller.ByeLegAsync(session, leg);
            }
            else
            {
                await signaller.CancelLegAsync(leg);
            }
        }

        await teardown.EndSessionAsync(session, "ended locally, cluster unavailable");
    }
}
