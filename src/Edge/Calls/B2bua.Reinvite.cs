using System.Collections.Concurrent;
using Switchboard.Edge.Signalling;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

public sealed partial class B2bua
{
    /// <summary>The 2xx we relayed to a re-INVITE, by the requester's Call-ID and CSeq, until its ACK.</summary>
    private readonly ConcurrentDictionary<(string CallId, long CSeq), AnswerRetransmission> _reinviteAnswers = new();

    /// <summary>
    /// A re-INVITE's 2xx is a 2xx to INVITE like the first (RFC 3261 §14.2 → §13.3.1.4): the UA core retransmits it at
    /// T1, 2·T1 … capped at T2 until the ACK, through the Accepted transaction (RFC 6026 §8.5). Without the ACK after
    /// 64·T1 we stop and log it: the dialog stands, and the session's fate stays with the call grain's own timers.
    /// Armed before the 2xx leaves, so an ACK that comes back at once still finds it; <see cref="StartReinviteAnswer"/>
    /// starts the clock once it has left.
    /// </summary>
    private AnswerRetransmission? ArmReinviteAnswer(InboundRequest inbound)
    {
        (string CallId, long CSeq) key = (inbound.Request.CallId, inbound.Request.CSeq.Number);
        var retransmission = new AnswerRetransmission(
            () =>
            {
                transactionMetrics.RetransmissionSent();
                return inbound.Transaction.RetransmitResponse();
            },
            () =>
            {
                if (_reinviteAnswers.TryRemove(key, out var gone))
                {
                    Telemetry.EdgeLog.ReinviteAckTimeout(logger, gone.Retransmissions, key.CallId, key.CSeq);
                }
            },
            transactionOptions.Value,
            timeProvider);
        if (_reinviteAnswers.TryAdd(key, retransmission))
        {
            return retransmission;
        }

        // A second 2xx for the same re-INVITE (the peer retransmitted its own): the first one's clock already runs.
        retransmission.Dispose();
        return null;
    }

    /// <summary>The armed 2xx left (its clock starts; a no-op when its ACK already came), or could not be sent (dropped).</summary>
    private void StartReinviteAnswer(InboundRequest inbound, AnswerRetransmission? retransmission, bool sent)
    {
        if (retransmission is null)
        {
            return;
        }

        if (sent)
        {
            retransmission.Start();
        }
        else if (_reinviteAnswers.TryRemove(new KeyValuePair<(string, long), AnswerRetransmission>((inbound.Request.CallId, inbound.Request.CSeq.Number), retransmission)))
        {
            retransmission.Dispose();
        }
    }

    /// <summary>True when <paramref name="ack"/> acknowledges a relayed re-INVITE 2xx (now stopped); it goes no further.</summary>
    private bool AcknowledgeReinviteAnswer(SipRequest ack)
    {
        if (!_reinviteAnswers.TryRemove((ack.CallId, ack.CSeq.Number), out var retransmission))
        {
            return false;
        }

        retransmission.Acknowledge();
        return true;
    }
}
