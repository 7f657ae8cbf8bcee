using Switchboard.Edge.Cluster;
using Switchboard.Edge.Media;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

public sealed partial class B2bua
{
    /// <summary>
    /// re-INVITE, UPDATE, INFO, OPTIONS... inside a dialog, at whichever edge it arrives: the grain names the peer
    /// leg and the CSeq to use; the request is rebuilt on that leg and the answer relayed back (RFC 7092 §3.1).
    /// </summary>
    public async Task OnInDialogAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var isInvite = request.Method == SipMethod.Invite;
        try
        {
            var callId = await FindCallAsync(request.CallId);
            if (callId is null)
            {
                await responder.RespondAsync(transaction, 481);
                return;
            }

            if (isInvite)
            {
                await responder.RespondAsync(transaction, 100);
            }

            var report = new InDialogRequest(
                request.CallId,
                request.Method.Name,
                request.CSeq.Number,
                _edgeId,
                TransportMapping.ToAddress(transaction.Source),
                request.Contacts.FirstOrDefault()?.Uri?.ToString(),
                BodyText(request));
            var route = await guard.IdempotentAsync(_ => Call(callId).InDialog(report), CancellationToken.None);
            if (route.Status != 0 || route.Peer is not { } peer)
            {
                await responder.RespondAsync(transaction, route.Status == 0 ? 481 : route.Status, string.IsNullOrEmpty(route.Reason) ? null : route.Reason);
                return;
            }

            await ForwardAsync(transaction, callId, peer, route.CSeq);
        }
        catch (ClusterUnavailableException)
        {
            await responder.ServiceUnavailableAsync(transaction, "Cluster Unavailable");
        }
    }

    private async Task ForwardAsync(ServerTransaction transaction, string callId, LegDialog peer, long cseq)
    {
        var request = transaction.Request;
        if (await SipOutbound.ResolveAsync(peer.RemoteAddress) is not { } destination)
        {
            await responder.RespondAsync(transaction, 503);
            return;
        }

        // The requester is on the caller side when the peer is a callee leg, and the other way round.
        var relay = relays.Find(callId);
        var requesterSide = relay is null ? null : (peer.Role == LegRole.Callee ? relay.Caller : relay.Callee);
        var peerSide = relay is null ? null : (peer.Role == LegRole.Callee ? relay.Callee : relay.Caller);
        var body = Anchor(request, requesterSide, peerSide);
        var contentType = request.ContentType;
        var (forward, bytes) = requests.InDialog(peer, request.Method, cseq, destination.Kind, body, contentType);
        var isInvite = request.Method == SipMethod.Invite;
        var outgoing = clients.Start(forward, bytes, destination, async response =>
        {
            if (response.StatusCode == 100)
            {
                return;
            }

            if (isInvite && response.IsSuccess)
            {
                // Each leg is its own UA: we ACK the peer's 2xx here and absorb the requester's ACK (RFC 3261 §13.2.2.4).
                var (_, ack) = requests.InDialog(peer with { RemoteTarget = response.Contacts.FirstOrDefault()?.Uri?.ToString() ?? peer.RemoteTarget }, SipMethod.Ack, cseq, destination.Kind);
                await outbound.SendAsync(ack, destination, "ACK");
            }
            else if (isInvite && response.IsFinal)
            {
                await outbound.SendAsync(requests.AckForFailure(forward, response), destination, "ACK");
            }

            var answer = Anchor(response, peerSide, requesterSide);
            await responder.RespondAsync(transaction, response.StatusCode, response.ReasonPhrase, b =>
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
        });
        if (await outgoing.Final is null)
        {
            await responder.RespondAsync(transaction, 408);
        }
    }

    /// <summary>
    /// SDP from <paramref name="from"/>'s party, pointed at <paramref name="to"/>'s relay port; other bodies
    /// (INFO payloads) pass unchanged. A moved party (new address in the offer) is followed, RFC 3264 §8.3.1.
    /// </summary>
    private ReadOnlyMemory<byte> Anchor(SipMessage message, MediaRelaySide? from, MediaRelaySide? to)
    {
        if (message.Body.IsEmpty || from is null || to is null
            || !string.Equals(message.ContentType, "application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            return message.Body;
        }

        var party = SdpRelayRewriter.Rewrite(message.Body.Span, _mediaAddress, to.LocalRtpPort, out var rewritten);
        if (party is not null && !party.Equals(from.Rtp.Endpoint) && !from.Rtp.IsLatched)
        {
            from.Signal(party, moved: true);
        }

        return rewritten ?? message.Body;
    }
}
