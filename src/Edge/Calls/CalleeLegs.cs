using Microsoft.Extensions.Logging;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Routing;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

/// <summary>
/// The callee legs of calls at this edge: each leg's INVITE, failover among its target's servers, its responses
/// reported to the grain and the grain's verdict carried out.
/// </summary>
public sealed class CalleeLegs(
    CallGrainLink link,
    ClusterGuard guard,
    SipOutbound outbound,
    LegRequestFactory requests,
    CallTable calls,
    LegSignaller signaller,
    CallerResponses caller,
    TrunkChallengeAnswerer trunkChallenge,
    RingTimer ringTimer,
    ILogger<CalleeLegs> logger)
{
    /// <summary>Creates a callee leg with fresh identifiers, reports it to the grain, then sends its INVITE.</summary>
    public async Task StartLegAsync(CallSession session, CallTarget target)
    {
        var legCallId = SipIdGenerator.NewCallId(outbound.LocalHost);
        var offer = MediaAnchor.OfferFor(session, target);
        var dialog = new LegDialog(
            legCallId,
            LegRole.Callee,
            DialogTag.For(session.CallId),
            null,
            // An emergency call presents its callback number instead of the extension (CallTarget.CallerNumber).
            PartyStrings.Share(new SipUri(outbound.LocalHost, target.CallerNumber ?? session.CallerNumber).ToString()),
            target.RequestUri,
            1,
            0,
            target.RequestUri,
            target.Path,
            link.EdgeId,
            target.Destination,
            null,
            LocalSdp(session, offer));
        var leg = new CalleeLeg(target, dialog);
        session.Legs.Set(leg);
        calls.AddLeg(session, legCallId);

        // Reported before sending, so the grain knows the leg whatever edge its peer's first request reaches.
        if (!await guard.IdempotentAsync(_ => session.Grain.LegStarted(new LegStart(target.Index, dialog)), CancellationToken.None))
        {
            session.Legs.TryRemove(legCallId);
            calls.RemoveLeg(legCallId);
            return;
        }

        await SendInviteAsync(session, leg, null);
    }

    /// <summary>The grain's header fields for the target (an emergency call's), then the answer to a carrier's challenge.</summary>
    private static IEnumerable<(string Name, string Value)> LegHeaders(CallTarget target, (string Name, string Value)? authorization)
    {
        if (target.Headers is not { Count: > 0 } extra)
        {
            return authorization is { } only ? [only] : [];
        }

        var headers = new List<(string Name, string Value)>(extra.Count + 1);
        foreach (var header in extra)
        {
            headers.Add((header.Name, header.Value));
        }

        if (authorization is { } a)
        {
            headers.Add(a);
        }

        return headers;
    }

    /// <summary>The SDP offered on the leg as the dialog keeps it: the caller's own string when it goes unchanged.</summary>
    private static string? LocalSdp(CallSession session, ReadOnlyMemory<byte> offer) =>
        offer.IsEmpty ? null
        : offer.Equals(session.CallerOffer) && session.CallerDialog.RemoteSdp is { } callers ? callers
        : System.Text.Encoding.UTF8.GetString(offer.Span);

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
        if (session.IsAnswered || session.IsEnded)
        {
            // Another leg won while this one looked up its server or its trunk's credentials: starting it now would
            // ring a phone after the call connected, and the set-up offers are gone (CallSession.ReleaseSetup).
            return;
        }

        var offer = MediaAnchor.OfferFor(session, leg.Target);
        var headers = LegHeaders(leg.Target, authorization);
        var (invite, _) = requests.InDialog(leg.Dialog with { LocalCSeq = leg.InviteCSeq }, SipMethod.Invite, leg.InviteCSeq, destination.Kind, offer, "application/sdp", headers: headers);

        // The leg knows where its INVITE goes before it leaves, and the handler is given the transaction: a fast
        // callee's 200 can be handled (and ACKed) before SendRequest even returns.
        leg.Destination = destination;
        var transaction = signaller.Send(invite, destination, (t, response) => OnLegResponseAsync(session, leg, t, response));
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

            await signaller.CancelLegAsync(leg);
            await ReportLegFailureAsync(session, leg, result.StatusCode, result.Outcome == SipClientOutcome.Timeout ? "Request Timeout" : "Service Unavailable");
        }
    }

    /// <summary>
    /// RFC 3263 §4.3: when a server of the target's name fails at the transport level, times out (Timer B) or answers
    /// 503, the next server in SRV order gets the request as a new transaction (new branch, next CSeq). Only while
    /// nothing reached the caller from this leg (no early dialog) and no CANCEL went out; otherwise, and once the list
    /// is exhausted, the grain hears the failure and its trunk failover goes on.
    /// </summary>
    private async Task<bool> TryNextServerAsync(CallSession session, CalleeLeg leg, string why)
    {
        if (leg.Servers is not { } servers || leg.ServerIndex + 1 >= servers.Count
            || leg.Finished || leg.CancelSent || leg.Dialog.RemoteTag is not null || session.IsEnded || session.IsAnswered)
        {
            return false;
        }

        var failed = servers[leg.ServerIndex];
        leg.ServerIndex++;
        leg.InviteCSeq++;

        // A new server challenges on its own; its nonce is not the previous server's.
        leg.AuthAnswered = false;
        EdgeLog.NextServer(logger, session.CallId, leg.LegCallId, failed.ToString(), why, servers[leg.ServerIndex].ToString());
        await SendInviteAsync(session, leg, null);
        return true;
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

            if (response.StatusCode is 401 or 407 && leg.Target.TrunkId is not null && !leg.AuthAnswered
                && await trunkChallenge.AnswerAsync(session, leg, response) is { } authorization)
            {
                leg.InviteCSeq++;
                await SendInviteAsync(session, leg, authorization);
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

        var contact = PartyStrings.ShareOrNull(response.Contacts.FirstOrDefault()?.Uri?.ToString());
        var routeSet = response.RecordRoutes.Reverse().Select(r => r.ToString()).ToList();

        // One string for the leg's dialog and the grain's report: the call keeps both for its whole length.
        var sdp = MessageBodies.Text(response);
        if (remoteTag is not null)
        {
            leg.Dialog = leg.Dialog with
            {
                RemoteTag = remoteTag,
                RemoteTarget = contact ?? leg.Dialog.RemoteTarget,
                RouteSet = routeSet.Count > 0 ? routeSet : leg.Dialog.RouteSet,
                RemoteSdp = sdp ?? leg.Dialog.RemoteSdp,
                LocalCSeq = leg.InviteCSeq,
            };
        }

        var report = new LegResponse(leg.LegCallId, response.StatusCode, response.ReasonPhrase, remoteTag, contact, routeSet, sdp);
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
                await caller.RelayProvisionalAsync(session, leg, response);
                break;
            case LegAction.Connect when response is not null && session.TryAnswer():
                await caller.ConnectAsync(session, leg, response, verdict);
                break;
            case LegAction.Connect or LegAction.Discard when response is { IsSuccess: true }:
                // A second 2xx from a forked branch (§13.2.2.4): confirm it, then end it.
                await signaller.AckAsync(leg);
                await signaller.ByeLegAsync(session, leg);
                break;
            case LegAction.TryNext when verdict.NextTarget is not null:
                // A forwarding target may fork (an extension's phones): all its legs start at once.
                ringTimer.Start(session);
                await Task.WhenAll(
                    (verdict.AlsoTargets ?? []).Prepend(verdict.NextTarget).Select(target => StartLegAsync(session, target)));
                break;
            case LegAction.Fail:
                await caller.FailAsync(session, verdict);
                break;
        }
    }
}
