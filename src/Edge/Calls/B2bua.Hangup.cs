using Switchboard.Edge.Cluster;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Calls;

public sealed partial class B2bua
{
    /// <summary>CANCEL from the caller (RFC 3261 §9.2): 200 for the CANCEL, 487 for the INVITE, then the grain ends the call.</summary>
    public async Task OnCancelAsync(ServerTransaction transaction)
    {
        var invite = servers.FindInvite(transaction.Request);
        if (invite is null)
        {
            await responder.RespondAsync(transaction, 481);
            return;
        }

        await responder.RespondAsync(transaction, 200);
        await responder.RespondAsync(invite, 487);
        if (invite.Owner is CallSession session)
        {
            await HangupAsync(session.CallId, session.CallerDialog.LegCallId, HangupKind.Cancel, "CANCEL");
            foreach (var leg in session.Legs.Values)
            {
                await CancelLegAsync(leg);
            }
        }
    }

    /// <summary>BYE on any leg, at any edge: answer 200 (§15.1.2), then end the other legs as the grain says.</summary>
    public async Task OnByeAsync(ServerTransaction transaction)
    {
        var legCallId = transaction.Request.CallId;
        string? callId;
        try
        {
            callId = await FindCallAsync(legCallId);
        }
        catch (ClusterUnavailableException)
        {
            await responder.ServiceUnavailableAsync(transaction, "Cluster Unavailable");
            return;
        }

        if (callId is null)
        {
            await responder.RespondAsync(transaction, 481);
            return;
        }

        await responder.RespondAsync(transaction, 200);
        await HangupAsync(callId, legCallId, HangupKind.Bye, "BYE");
        await ReportLegEndedAsync(callId, legCallId);
        if (calls.FindByCall(callId) is { } session)
        {
            await EndSessionAsync(session, "BYE");
        }
    }

    /// <summary>
    /// ACK: for a non-2xx final it only ends our INVITE transaction (§17.2.1); for the 2xx of the initial INVITE it
    /// confirms the call. ACKs for re-INVITE 2xx are absorbed: the edge ACKed the other leg itself.
    /// </summary>
    public async Task OnAckAsync(SipRequest request, SipEndPoint source)
    {
        await Task.Yield();
        if (servers.FindInvite(request) is { FinalStatus: >= 300 })
        {
            return;
        }

        var session = calls.FindByLeg(request.CallId);
        if (session is not null && request.CSeq.Number != session.CallerDialog.RemoteCSeq)
        {
            return;
        }

        try
        {
            var callId = session?.CallId ?? await FindCallAsync(request.CallId);
            if (callId is not null)
            {
                await guard.IdempotentAsync(_ => Call(callId).Acknowledged(request.CallId), CancellationToken.None);
            }
        }
        catch (ClusterUnavailableException)
        {
            // The grain's ACK timeout will end the call if it never learns of this ACK.
        }
    }

    /// <summary>Reports a hang-up and executes the legs the grain gives back to this edge.</summary>
    private async Task HangupAsync(string callId, string legCallId, HangupKind kind, string reason)
    {
        try
        {
            var verdict = await guard.IdempotentAsync(_ => Call(callId).HangupReceived(new LegHangup(legCallId, kind, _edgeId, reason)), CancellationToken.None);
            await ExecuteAsync(callId, verdict.Terminate);
        }
        catch (ClusterUnavailableException)
        {
            // Without the grain we still end what this edge holds, so no leg is left up talking to nobody.
            if (calls.FindByCall(callId) is { } session)
            {
                await EndLocallyAsync(session, legCallId);
            }
        }
    }

    /// <summary>Executes the grain's termination orders (from a verdict or an <see cref="EdgeCommand"/>).</summary>
    public async Task ExecuteAsync(string callId, IReadOnlyList<LegTermination> legs)
    {
        await Task.WhenAll(legs.Select(t => TerminateAsync(callId, t)));
        if (legs.Count > 0 && calls.FindByCall(callId) is { } session && (session.IsAnswered || session.Caller.IsCompleted))
        {
            await EndSessionAsync(session, "terminated");
        }
    }

    private async Task TerminateAsync(string callId, LegTermination termination)
    {
        var dialog = termination.Dialog;
        var session = calls.FindByLeg(dialog.LegCallId);
        switch (termination.Method)
        {
            case TerminationMethod.Bye:
                if (await SipOutbound.ResolveAsync(dialog.RemoteAddress) is { } destination)
                {
                    var (bye, bytes) = requests.InDialog(dialog, SipMethod.Bye, termination.CSeq, destination.Kind);
                    await clients.Start(bye, bytes, destination, static _ => Task.CompletedTask).Final;
                }

                break;
            case TerminationMethod.Cancel:
                if (session?.Legs.GetValueOrDefault(dialog.LegCallId) is { Invite: { } invite } leg && !leg.Finished)
                {
                    await CancelLegAsync(leg);
                    await Task.WhenAny(invite.Final, Task.Delay(ClientTransaction.T1 * 64, timeProvider));
                }

                break;
            case TerminationMethod.Reject:
                if (session is not null && session.CallerDialog.LegCallId == dialog.LegCallId)
                {
                    await responder.RespondAsync(session.Caller, termination.Status, string.IsNullOrEmpty(termination.Reason) ? null : termination.Reason);
                    foreach (var pending in session.Legs.Values)
                    {
                        await CancelLegAsync(pending);
                    }
                }

                break;
        }

        await ReportLegEndedAsync(callId, dialog.LegCallId);
    }

    /// <summary>Cluster away: BYE the answered legs we know and cancel the pending ones from local state.</summary>
    private async Task EndLocallyAsync(CallSession session, string exceptLeg)
    {
        foreach (var leg in session.Legs.Values)
        {
            if (leg.Ack is not null && leg.LegCallId != exceptLeg)
            {
                await ByeLegAsync(session, leg);
            }
            else
            {
                await CancelLegAsync(leg);
            }
        }

        await EndSessionAsync(session, "ended locally, cluster unavailable");
    }
}
