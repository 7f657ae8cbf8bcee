using Switchboard.Edge.Calls;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Registrar;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// Routes each parsed message through the transaction layer (RFC 3261 §17): responses to their client transaction,
/// retransmissions absorbed, new requests to the registrar or the B2BUA, ACKs for our 2xx to the B2BUA. The layer's
/// work, and each handler up to its first await (a grain call, typically), run on the receive loop's thread: no hop
/// to the thread pool per message. A UDP listener runs several loops (<c>Sip:UdpReceiveLoops</c>), so two datagrams
/// of one dialog may be handled in either order, as UDP may deliver them anyway: transactions absorb it, and an
/// in-dialog request overtaken by a later CSeq gets 500 (RFC 3261 §12.2.2).
/// </summary>
public sealed class SipDispatcher(
    SipTransactionLayer transactions,
    SipResponder responder,
    SipRegistrar registrar,
    B2bua b2bua,
    SipTransactionMetrics metrics)
{
    public Task Dispatch(SipMessage message, SipEndPoint source)
    {
        var result = transactions.Process(message, source);
        switch (result.Kind)
        {
            case SipIncomingKind.NewRequest or SipIncomingKind.Cancel:
                metrics.ServerTransactionStarted();
                return HandleAsync(new InboundRequest((SipRequest)message, source, result.Server!), result.CancelTarget);
            case SipIncomingKind.RequestRetransmission:
                metrics.RetransmissionReceived();
                return Task.CompletedTask;
            case SipIncomingKind.AcceptedAck or SipIncomingKind.AckOutsideTransaction:
                // The ACK for a 2xx belongs to the UA core, not to a transaction (RFC 3261 §13.3.1.4, RFC 6026 §8.5).
                return b2bua.OnAckAsync((SipRequest)message, result.Server);
            case SipIncomingKind.StrayResponse:
                // A 2xx retransmitted after Timer M: the dialog still owes it an ACK (§13.2.2.4).
                return b2bua.OnStrayResponseAsync((SipResponse)message);
            default:
                // Absorbed (ACK for a non-2xx, merged request answered 482) or delivered to its client transaction.
                return Task.CompletedTask;
        }
    }

    private async Task HandleAsync(InboundRequest inbound, SipServerTransaction? cancelTarget)
    {
        var request = inbound.Request;
        var inDialog = request.To.Tag is not null;
        if (request.Method.Kind is not (SipMethodKind.Extension or SipMethodKind.Subscribe or SipMethodKind.Publish)
            && RequestAcceptance.Check(request) is { } refusal)
        {
            // §8.2.2.3, §8.2.3: after the method check (an unknown method gets its 501 below) and before any processing.
            await responder.RespondAsync(inbound, refusal.Status, null, b => b.AddHeader(refusal.Header, refusal.Value));
            return;
        }

        switch (request.Method.Kind)
        {
            case SipMethodKind.Register:
                await registrar.HandleAsync(inbound);
                break;
            case SipMethodKind.Cancel when cancelTarget is { Owner: null }:
                // §9.2: the request it cancels was answered and its transaction has let go of it; the CANCEL has
                // no effect, but the transaction exists, so 200 rather than 481.
                await responder.RespondAsync(inbound, 200);
                break;
            case SipMethodKind.Cancel:
                await b2bua.OnCancelAsync(inbound, cancelTarget?.Owner as InboundRequest);
                break;
            case SipMethodKind.Invite when !inDialog:
                await b2bua.OnInviteAsync(inbound);
                break;
            case SipMethodKind.Options when !inDialog:
                // OPTIONS to the edge itself: we are up (RFC 3261 §11.2).
                await responder.RespondAsync(inbound, 200, null, b => b.AddHeader("Allow", B2bua.Allow));
                break;
            case SipMethodKind.Bye when inDialog:
                await b2bua.OnByeAsync(inbound);
                break;
            case SipMethodKind.Invite or SipMethodKind.Update or SipMethodKind.Info or SipMethodKind.Options
                or SipMethodKind.Refer or SipMethodKind.Notify or SipMethodKind.Message or SipMethodKind.Prack when inDialog:
                await b2bua.OnInDialogAsync(inbound);
                break;
            case SipMethodKind.Bye:
                await responder.RespondAsync(inbound, 481);
                break;
            case SipMethodKind.Extension:
                // RFC 3261 §21.5.2: a method we do not recognise (RFC 4475 esc02's RE%47IST%45R is one) is 501;
                // 405 is for a method we know but do not take here (§8.2.1, §21.4.6).
                await responder.RespondAsync(inbound, 501, null, b => b.AddHeader("Allow", B2bua.Allow));
                break;
            default:
                // RFC 3261 §8.2.1: a method we know but do not implement here.
                await responder.RespondAsync(inbound, 405, null, b => b.AddHeader("Allow", B2bua.Allow));
                break;
        }
    }
}
