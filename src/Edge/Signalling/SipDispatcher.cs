using Switchboard.Edge.Calls;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Registrar;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// Routes each parsed message: responses to their client transaction, requests through the server transaction
/// table (absorbing retransmissions) to the registrar or the B2BUA. The table work happens synchronously on the
/// transport's thread so arrival order is kept; handlers then run on the thread pool.
/// </summary>
public sealed class SipDispatcher(
    ServerTransactionTable servers,
    ClientTransactionTable clients,
    SipResponder responder,
    SipRegistrar registrar,
    B2bua b2bua,
    SipTransactionMetrics metrics)
{
    public Task Dispatch(SipMessage message, SipEndPoint source)
    {
        if (message is SipResponse response)
        {
            clients.Deliver(response);
            return Task.CompletedTask;
        }

        var request = (SipRequest)message;
        if (request.Method == SipMethod.Ack)
        {
            // ACK has no response and no transaction of its own (RFC 3261 §17.1.1.3, §13.2.2.4).
            return b2bua.OnAckAsync(request, source);
        }

        var transaction = servers.Begin(request, source, out var retransmission);
        if (retransmission)
        {
            metrics.RetransmissionReceived();
            return responder.ResendAsync(transaction).AsTask();
        }

        metrics.ServerTransactionStarted();

        return HandleAsync(transaction);
    }

    private async Task HandleAsync(ServerTransaction transaction)
    {
        await Task.Yield();
        var request = transaction.Request;
        var inDialog = request.To.Tag is not null;
        switch (request.Method.Kind)
        {
            case SipMethodKind.Register:
                await registrar.HandleAsync(transaction);
                break;
            case SipMethodKind.Cancel:
                await b2bua.OnCancelAsync(transaction);
                break;
            case SipMethodKind.Invite when !inDialog:
                await b2bua.OnInviteAsync(transaction);
                break;
            case SipMethodKind.Options when !inDialog:
                // OPTIONS to the edge itself: we are up (RFC 3261 §11.2).
                await responder.RespondAsync(transaction, 200, null, b => b.AddHeader("Allow", B2bua.Allow));
                break;
            case SipMethodKind.Bye when inDialog:
                await b2bua.OnByeAsync(transaction);
                break;
            case SipMethodKind.Invite or SipMethodKind.Update or SipMethodKind.Info or SipMethodKind.Options
                or SipMethodKind.Refer or SipMethodKind.Notify or SipMethodKind.Message or SipMethodKind.Prack when inDialog:
                await b2bua.OnInDialogAsync(transaction);
                break;
            case SipMethodKind.Bye:
                await responder.RespondAsync(transaction, 481);
                break;
            default:
                // RFC 3261 §8.2.1: a method we do not implement here.
                await responder.RespondAsync(transaction, 405, null, b => b.AddHeader("Allow", B2bua.Allow));
                break;
        }
    }
}
