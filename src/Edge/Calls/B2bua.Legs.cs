using Switchboard.Edge.Auth;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

public sealed partial class B2bua
{
    /// <summary>Creates a callee leg with fresh identifiers, reports it to the grain, then sends its INVITE.</summary>
    private async Task StartLegAsync(CallSession session, CallTarget target)
    {
        var legCallId = SipIdGenerator.NewCallId(outbound.LocalHost);
        var offer = OfferFor(session, target);
        var dialog = new LegDialog(
            legCallId,
            LegRole.Callee,
            SipIdGenerator.NewTag(),
            null,
            new SipUri(outbound.LocalHost, session.CallerNumber).ToString(),
            target.RequestUri,
            1,
            0,
            target.RequestUri,
            target.Path,
            _edgeId,
            target.Destination,
            null,
            offer.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(offer.Span));
        var leg = new CalleeLeg(target, dialog);
        session.Legs[legCallId] = leg;
        calls.AddLeg(session, legCallId);

        // Reported before sending so the leg index can answer any edge that sees this Call-ID first.
        if (!await guard.IdempotentAsync(_ => session.Grain.LegStarted(new LegStart(target.Index, dialog)), CancellationToken.None))
        {
            session.Legs.TryRemove(legCallId, out _);
            return;
        }

        await SendInviteAsync(session, leg, null);
    }

    private static ReadOnlyMemory<byte> OfferFor(CallSession session, CallTarget target) =>
        session.CalleeOffer is { } anchored && target.RelayMedia ? anchored : session.CallerOffer;

    private async Task SendInviteAsync(CallSession session, CalleeLeg leg, (string Name, string Value)? authorization)
    {
        string? unusable = null;
        if (leg.Servers is null)
        {
            (leg.Servers, unusable) = await outbound.LocateLegAsync(leg.Target);
        }

        if (leg.ServerIndex >= leg.Servers.Count)
        {
            await ReportLegFailureAsync(session, leg, 503, unusable ?? "Destination Unresolvable");
            return;
        }

        var destination = leg.Servers[leg.ServerIndex];

        var offer = OfferFor(session, leg.Target);
        var headers = authorization is { } a ? new[] { a } : [];
        var (invite, _) = requests.InDialog(leg.Dialog with { LocalCSeq = leg.InviteCSeq }, SipMethod.Invite, leg.InviteCSeq, destination.Kind, offer, "application/sdp", headers: headers);

        // The leg knows where its INVITE goes before it leaves, and the handler is given the transaction: a fast
        // callee's 200 can be handled (and ACKed) before SendRequest even returns.
        leg.Destination = destination;
        var transaction = Send(invite, destination, (t, response) => OnLegResponseAsync(session, leg, t, response));
        leg.Invite = transaction;
        _ = WatchLegAsync(session, leg, transaction);
    }

    /// <summary>
    /// No final response in time (Timer B, RFC 3261 §17.1.1.2) counts as 408 for the grain, a transport error as
    /// 503 (§8.1.3.1). After Timer C (§16.8) the branch still rings: CANCEL it first.
    /// </summary>
    private async Task WatchLegAsync(CallSession session, CalleeLeg leg, SipClientTransaction transaction)
    {
        SipClientResult result;
        try
        {
            result = await transaction.Completion;
        }
        catch (OperationCanceledException)
        {
            // The transaction layer shut down with the edge.
            return;
        }

        if (result.Outcome != SipClientOutcome.Response && ReferenceEquals(leg.Invite, transaction) && !leg.Finished)
        {
            if (await TryNextServerAsync(session, leg, result.Outcome == SipClientOutcome.Timeout ? "timeout" : "transport error"))
            {
                return;
            }

            await CancelLegAsync(leg);
            await ReportLegFailureAsync(session, leg, result.StatusCode, result.Outcome == SipClientOutcome.Timeout ? "Request Timeout" : "Service Unavailable");
        }
    }

    private Task ReportLegFailureAsync(CallSession session, CalleeLeg leg, int status, string reason)
    {
        leg.Finished = true;
        return ApplyVerdictAsync(session, leg, new LegResponse(leg.LegCallId, status, reason, null, null, null, null), null);
    }

    /// <summary>Every response on a callee leg's INVITE, in arrival order (the transaction layer's ordered handler).</summary>
    private async Task OnLegResponseAsync(CallSession session, CalleeLeg leg, SipClientTransaction transaction, SipResponse response)
    {
        if (response.StatusCode == 100)
        {
            return;
        }

        if (response.IsSuccess && leg.Ack is { } ack)
        {
            // A retransmitted 2xx (the transaction is Accepted, RFC 6026 §8.4): our ACK was lost, send it again (§13.2.2.4).
            await outbound.SendAsync(ack, transaction.RemoteEndPoint, "ACK");
            return;
        }

        if (response.IsFinal && !response.IsSuccess)
        {
            // The transaction has already ACKed it (§17.1.1.3).
            if (leg.Finished)
            {
                return;
            }

            // RFC 3263 §4.3: a 503 from one server of the target's name is a reason to try the next one.
            if (response.StatusCode == 503 && ReferenceEquals(leg.Invite, transaction) && await TryNextServerAsync(session, leg, "503"))
            {
                return;
            }

            if (response.StatusCode is 401 or 407 && leg.Target.TrunkId is not null && !leg.AuthAnswered && await AnswerTrunkChallengeAsync(session, leg, response))
            {
                return;
            }

            leg.Finished = true;
        }

        var remoteTag = response.To.Tag;
        if (response.IsProvisional && remoteTag is null)
        {
            return;
        }

        if (response.IsSuccess)
        {
            leg.Finished = true;
        }

        var contact = response.Contacts.FirstOrDefault()?.Uri?.ToString();
        var routeSet = response.RecordRoutes.Reverse().Select(r => r.ToString()).ToList();
        if (remoteTag is not null)
        {
            leg.Dialog = leg.Dialog with
            {
                RemoteTag = remoteTag,
                RemoteTarget = contact ?? leg.Dialog.RemoteTarget,
                RouteSet = routeSet.Count > 0 ? routeSet : leg.Dialog.RouteSet,
                RemoteSdp = BodyText(response) ?? leg.Dialog.RemoteSdp,
                LocalCSeq = leg.InviteCSeq,
            };
        }

        var report = new LegResponse(leg.LegCallId, response.StatusCode, response.ReasonPhrase, remoteTag, contact, routeSet, BodyText(response));
        await ApplyVerdictAsync(session, leg, report, response);
    }

    private async Task ApplyVerdictAsync(CallSession session, CalleeLeg leg, LegResponse report, SipResponse? response)
    {
        LegVerdict verdict;
        try
        {
            verdict = await guard.IdempotentAsync(_ => session.Grain.LegResponded(report), CancellationToken.None);
        }
        catch (ClusterUnavailableException)
        {
            verdict = new LegVerdict(response?.IsSuccess == true ? LegAction.Discard : LegAction.Fail, 503, "Cluster Unavailable", null, []);
        }

        switch (verdict.Action)
        {
            case LegAction.Relay when response is not null:
                await RelayProvisionalAsync(session, leg, response);
                break;
            case LegAction.Connect when response is not null && session.TryAnswer():
                await ConnectAsync(session, leg, response, verdict);
                break;
            case LegAction.Connect or LegAction.Discard when response is { IsSuccess: true }:
                // A second 2xx from a forked branch (§13.2.2.4): confirm it, then end it.
                await AckAsync(leg);
                await ByeLegAsync(session, leg);
                break;
            case LegAction.TryNext when verdict.NextTarget is not null:
                await StartLegAsync(session, verdict.NextTarget);
                break;
            case LegAction.Fail:
                var status = session.RingTimedOut ? 480 : verdict.Status;
                await responder.RespondAsync(session.Caller, status, session.RingTimedOut ? "No Answer" : (string.IsNullOrEmpty(verdict.Reason) ? null : verdict.Reason));
                await EndSessionAsync(session, $"{status} {verdict.Reason}");
                break;
        }
    }

    private async Task RelayProvisionalAsync(CallSession session, CalleeLeg leg, SipResponse response)
    {
        var body = AnchorAnswer(session, leg, response);
        await responder.RespondAsync(session.Caller, response.StatusCode, response.ReasonPhrase, b =>
        {
            b.AddContact(requests.Contact);
            if (body is { } sdp)
            {
                b.WithBody(sdp, "application/sdp");
            }
        });
    }

    /// <summary>This branch won: ACK it, answer the caller, cancel the other branches (RFC 3261 §16.7 step 10 spirit).</summary>
    private async Task ConnectAsync(CallSession session, CalleeLeg leg, SipResponse response, LegVerdict verdict)
    {
        await AckAsync(leg);
        var body = AnchorAnswer(session, leg, response);

        // §13.3.1.4: we retransmit our 2xx until the caller's ACK. Armed before the 2xx leaves, so an ACK that
        // arrives before the first retransmission still finds it.
        var answer = new AnswerRetransmission(() => RetransmitAnswer(session), () => _ = AckTimedOutAsync(session), transactionOptions.Value, timeProvider);
        session.Answer = answer;
        var sent = await responder.RespondAsync(session.Caller, 200, null, b =>
        {
            b.AddContact(requests.Contact);
            if (body is { } sdp)
            {
                b.WithBody(sdp, "application/sdp");
            }
        });
        if (sent)
        {
            answer.Start();
        }
        else
        {
            answer.Dispose();
        }

        var setup = SetupTime(session);
        metrics.CallSetup(setup);
        Telemetry.EdgeLog.CallAnswered(logger, session.CallId, setup.TotalMilliseconds, session.CallerDialog.LegCallId);
        foreach (var other in verdict.CancelLegs)
        {
            if (session.Legs.TryGetValue(other, out var loser) && !ReferenceEquals(loser, leg))
            {
                await CancelLegAsync(loser);
            }
        }

        foreach (var loser in session.Legs.Values.Where(l => !ReferenceEquals(l, leg) && !l.Finished))
        {
            await CancelLegAsync(loser);
        }
    }

    /// <summary>Our 2xx to the caller, once more, through its Accepted INVITE transaction (RFC 6026 §8.5).</summary>
    private bool RetransmitAnswer(CallSession session)
    {
        transactionMetrics.RetransmissionSent();
        return session.Caller.Transaction.RetransmitResponse();
    }

    /// <summary>The callee's SDP pointed at the caller side of the relay; the callee's real address remembered.</summary>
    private byte[]? AnchorAnswer(CallSession session, CalleeLeg leg, SipResponse response)
    {
        if (response.Body.IsEmpty)
        {
            return null;
        }

        if (session.Relay is not { } relay || !leg.Target.RelayMedia)
        {
            return response.Body.ToArray();
        }

        var party = Media.SdpRelayRewriter.Rewrite(response.Body.Span, _mediaAddress, relay.Caller.LocalRtpPort, out var rewritten);
        if (party is not null)
        {
            relay.Callee.Signal(party, moved: false);
        }

        return rewritten ?? response.Body.ToArray();
    }

    /// <summary>The ACK for the leg's 2xx (RFC 3261 §13.2.2.4): a request of the dialog, kept to answer retransmissions.</summary>
    private async Task AckAsync(CalleeLeg leg)
    {
        var destination = leg.Destination!.Value;
        var (_, ack) = requests.InDialog(leg.Dialog, SipMethod.Ack, leg.InviteCSeq, destination.Kind);
        leg.Ack = ack;
        await outbound.SendAsync(ack, destination, "ACK");
    }

    private async Task ByeLegAsync(CallSession session, CalleeLeg leg)
    {
        var destination = leg.Destination!.Value;
        var (bye, _) = requests.InDialog(leg.Dialog, SipMethod.Bye, leg.InviteCSeq + 1, destination.Kind);
        await Send(bye, destination).Completion;
        await ReportLegEndedAsync(session.CallId, leg.LegCallId);
    }

    /// <summary>
    /// CANCEL a branch still ringing (RFC 3261 §9.1: only while no final response arrived); its 487 then flows through
    /// the normal response path. The CANCEL is built by the INVITE's transaction: same branch, its own transaction.
    /// </summary>
    private Task CancelLegAsync(CalleeLeg leg)
    {
        if (leg.Invite is not { } invite || leg.Finished
            || invite.State is not (SipClientTransactionState.Calling or SipClientTransactionState.Proceeding)
            || !leg.TryClaimCancel())
        {
            return Task.CompletedTask;
        }

        using var cancel = invite.CreateCancel();
        Send(cancel, invite.RemoteEndPoint);
        return Task.CompletedTask;
    }

    /// <summary>A carrier challenged the trunk leg: answer once with the trunk's credentials (RFC 3261 §22.2).</summary>
    private async Task<bool> AnswerTrunkChallengeAsync(CallSession session, CalleeLeg leg, SipResponse response)
    {
        leg.AuthAnswered = true;
        var tenant = grains.GetGrain<ITenantGrain>(session.TenantId);
        var credentials = await guard.IdempotentAsync(_ => tenant.GetTrunkCredentials(leg.Target.TrunkId!), CancellationToken.None);
        var proxy = response.StatusCode == 407;
        var challenges = proxy ? response.ProxyAuthenticate : response.WwwAuthenticate;
        if (credentials is null || challenges.Count == 0)
        {
            return false;
        }

        // The trunk's digest policy picks which of the carrier's challenges to answer.
        var answer = TrunkDigest.Answer(challenges, credentials, "INVITE", leg.Target.RequestUri);
        if (answer is null)
        {
            return false;
        }

        leg.InviteCSeq++;
        await SendInviteAsync(session, leg, (proxy ? "Proxy-Authorization" : "Authorization", answer));
        return true;
    }

    private async Task ReportLegEndedAsync(string callId, string legCallId)
    {
        try
        {
            await guard.IdempotentAsync(_ => Call(callId).LegEnded(legCallId, _edgeId), CancellationToken.None);
        }
        catch (ClusterUnavailableException)
        {
            // The grain ends the call itself when confirmations do not arrive (HangupConfirmTimeout).
        }
    }
}
