using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Signalling;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

/// <summary>
/// The 2xx responses this edge relayed to re-INVITEs, retransmitted until their ACK. A re-INVITE's 2xx is a 2xx to
/// INVITE like the first (RFC 3261 §14.2 → §13.3.1.4): the UA core retransmits it at T1, 2·T1 … capped at T2 until
/// the ACK, through the Accepted transaction (RFC 6026 §8.5). Without the ACK after 64·T1 it stops and logs: the
/// dialog stands, and the session's fate stays with the call grain's own timers.
/// </summary>
public sealed class ReinviteAnswers(
    SipTransactionMetrics transactionMetrics,
    IOptions<SipTransactionOptions> transactionOptions,
    TimeProvider timeProvider,
    ILogger<ReinviteAnswers> logger)
{
    /// <summary>By the requester's Call-ID and CSeq, until its ACK.</summary>
    private readonly ConcurrentDictionary<(string CallId, long CSeq), AnswerRetransmission> _answers = new();

    /// <summary>
    /// Armed before the 2xx leaves, so an ACK that comes back at once still finds it; <see cref="Start"/> starts the
    /// clock once it has left. Null when a 2xx for the same re-INVITE is already armed (the peer retransmitted).
    /// </summary>
    public AnswerRetransmission? Arm(InboundRequest inbound)
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
                if (_answers.TryRemove(key, out var gone))
                {
                    Telemetry.EdgeLog.ReinviteAckTimeout(logger, gone.Retransmissions, key.CallId, key.CSeq);
                }
            },
            transactionOptions.Value,
            timeProvider);
        if (_answers.TryAdd(key, retransmission))
        {
            return retransmission;
        }

        retransmission.Dispose();
        return null;
    }

    /// <summary>The armed 2xx left (its clock starts; a no-op when its ACK already came), or could not be sent (dropped).</summary>
    public void Start(InboundRequest inbound, AnswerRetransmission? retransmission, bool sent)
    {
        if (retransmission is null)
        {
            return;
        }

        if (sent)
        {
            retransmission.Start();
        }
        else if (_answers.TryRemove(new KeyValuePair<(string, long), AnswerRetransmission>((inbound.Request.CallId, inbound.Request.CSeq.Number), retransmission)))
        {
            retransmission.Dispose();
        }
    }

    /// <summary>True when <paramref name="ack"/> acknowledges a relayed re-INVITE 2xx (now stopped); it goes no further.</summary>
    public bool Acknowledge(SipRequest ack)
    {
        if (!_answers.TryRemove((ack.CallId, ack.CSeq.Number), out var retransmission))
        {
            return false;
        }

        retransmission.Acknowledge();
        return true;
    }
}
