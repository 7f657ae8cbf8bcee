using Switchboard.Edge.Cluster;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

/// <summary>
/// re-INVITE, UPDATE, INFO, OPTIONS... inside a dialog, at whichever edge it arrives: the grain names the peer
/// leg and the CSeq to use; the request is rebuilt on that leg and the answer relayed back (RFC 7092 §3.1).
/// </summary>
public sealed class InDialogRelay(
    CallGrainLink link,
    ClusterGuard guard,
    SipResponder responder,
    LegSignaller signaller,
    MediaAnchor media,
    LegRequestFactory requests,
    SipOutbound outbound,
    ReinviteAnswers reinviteAnswers)
{
    public async Task OnInDialogAsync(InboundRequest inbound)
    {
        var request = inbound.Request;
        var isInvite = request.Method == SipMethod.Invite;
        try
        {
            var callId = link.FindCall(request);
            if (callId is null)
            {
                await responder.RespondAsync(inbound, 481);
                return;
            }

            if (isInvite)
            {
                await responder.RespondAsync(inbound, 100);
            }

            var report = new InDialogRequest(
                request.CallId,
                request.Method.Name,
                request.CSeq.Number,
                link.EdgeId,
                TransportMapping.ToAddress(inbound.Source),
                request.Contacts.FirstOrDefault()?.Uri?.ToString(),
                MessageBodies.Text(request));
            var route = await guard.IdempotentAsync(_ => link.Call(callId).InDialog(report), CancellationToken.None);
            if (route.Status != 0 || route.Peer is not { } peer)
            {
                await responder.RespondAsync(inbound, route.Status == 0 ? 481 : route.Status, string.IsNullOrEmpty(route.Reason) ? null : route.Reason);
                return;
            }

            await ForwardAsync(inbound, callId, peer, route.CSeq);
        }
        catch (ClusterUnavailableException)
        {
            await responder.ServiceUnavailableAsync(inbound, "Cluster Unavailable");
        }
    }

    private async Task ForwardAsync(InboundRequest inbound, string callId, LegDialog peer, long cseq)
    {
        var request = inbound.Request;
        if (await signaller.DialogDestinationAsync(peer) is not { } destination)
        {
            await responder.RespondAsync(inbound, 503);
            return;
        }

        // The requester is on the caller side when the peer is a callee leg, and the other way round.
        var relay = media.Find(callId);
        var requesterSide = relay is null ? null : (peer.Role == LegRole.Callee ? relay.Caller : relay.Callee);
        var peerSide = relay is null ? null : (peer.Role == LegRole.Callee ? relay.Callee : relay.Caller);
        var body = media.Anchor(request, requesterSide, peerSide);
        var contentType = request.ContentType;
        var (forward, _) = requests.InDialog(peer, request.Method, cseq, destination.Kind, body, contentType);
        var isInvite = request.Method == SipMethod.Invite;
        var outgoing = signaller.Send(forward, destination, async (_, response) =>
        {
            if (response.StatusCode == 100)
            {
                return;
            }

            if (isInvite && response.IsSuccess)
            {
                // Each leg is its own UA: we ACK the peer's 2xx here, and each retransmission of it (RFC 6026 §8.4), and
                // absorb the requester's ACK (RFC 3261 §13.2.2.4). A non-2xx is ACKed by the transaction (§17.1.1.3).
                var (_, ack) = requests.InDialog(peer with { RemoteTarget = response.Contacts.FirstOrDefault()?.Uri?.ToString() ?? peer.RemoteTarget }, SipMethod.Ack, cseq, destination.Kind);
                await outbound.SendAsync(ack, destination, "ACK");
            }

            var answer = media.Anchor(response, peerSide, requesterSide);
            var retransmission = isInvite && response.IsSuccess ? reinviteAnswers.Arm(inbound) : null;
            var sent = await responder.RespondAsync(inbound, response.StatusCode, response.ReasonPhrase, b =>
            {
                if (isInvite || request.Method == SipMethod.Update)
                {
                    b.AddContact(requests.Contact);
                }

                if (!answer.IsEmpty)
                {
                    b.WithBody(answer, response.ContentType ?? "application/sdp");
                }
            });
            reinviteAnswers.Start(inbound, retransmission, sent);
        });
        if ((await outgoing.Completion).Outcome != SipClientOutcome.Response)
        {
            await responder.RespondAsync(inbound, 408);
        }
    }
}
