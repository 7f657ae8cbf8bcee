using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

public sealed partial class SipTransactionLayer
{
    private SipIncomingResult ProcessRequest(SipRequest request, SipEndPoint source)
    {
        var method = request.Method;
        var key = SipTransactionKeys.Server(request, method, out var rfc3261);
        if (_servers.TryGetValue(key, out var existing) && Matches(existing, request))
        {
            if (method.Kind == SipMethodKind.Ack)
            {
                // RFC 6026 §8.5: an ACK matching an Accepted INVITE acknowledges our 2xx and is the TU's.
                var kind = existing.OnAck() ? SipIncomingKind.AcceptedAck : SipIncomingKind.AckAbsorbed;
                return new SipIncomingResult(kind, existing);
            }

            existing.OnRetransmission();
            return new SipIncomingResult(SipIncomingKind.RequestRetransmission, existing);
        }

        if (method.Kind == SipMethodKind.Ack)
        {
            // §17.2.3 / §13.3.1.4: an ACK matching no transaction acknowledges a 2xx and belongs to the dialog.
            return new SipIncomingResult(SipIncomingKind.AckOutsideTransaction);
        }

        var transaction = new SipServerTransaction(this, key, request, source, rfc3261);
        var winner = _servers.GetOrAdd(key, transaction);
        if (!ReferenceEquals(winner, transaction))
        {
            // Two copies of one request raced through different threads: the second is a retransmission.
            winner.OnRetransmission();
            return new SipIncomingResult(SipIncomingKind.RequestRetransmission, winner);
        }

        transaction.Begin();
        if (IsMerged(request, transaction))
        {
            // §8.2.2.2: same From tag, Call-ID and CSeq as an ongoing transaction but not that transaction:
            // the request reached us twice over different paths. Answer this copy 482.
            transaction.Respond(SipResponseBuilder.For(request, 482).WithToTag(SipIdGenerator.NewTag()));
            return new SipIncomingResult(SipIncomingKind.MergedRequest, transaction);
        }

        if (method.Kind == SipMethodKind.Invite && Options.SendTryingForInvite)
        {
            // §17.2.1: 100 Trying at once, so the client stops retransmitting while the cluster decides.
            transaction.Respond(SipResponseBuilder.For(request, 100));
        }

        if (method.Kind == SipMethodKind.Cancel)
        {
            var target = FindCancelTarget(request);
            if (target is not null)
            {
                target.IsCancelled = true;
            }

            return new SipIncomingResult(SipIncomingKind.Cancel, transaction, CancelTarget: target);
        }

        return new SipIncomingResult(SipIncomingKind.NewRequest, transaction);
    }

    /// <summary>
    /// §9.2: the INVITE server transaction a CANCEL refers to is the one the CANCEL would match by §17.2.3 if its
    /// method were INVITE.
    /// </summary>
    public SipServerTransaction? FindCancelTarget(SipRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        var key = SipTransactionKeys.Server(cancel, SipMethod.Invite, out _);
        return _servers.TryGetValue(key, out var invite) && Matches(invite, cancel) && invite.State != SipServerTransactionState.Terminated
            ? invite
            : null;
    }

    /// <summary>
    /// The key already covers the RFC 3261 rules; the RFC 2543 fallback also needs the To tag: an ACK must carry
    /// the tag of our final response, any other request the tag its original carried (§17.2.3).
    /// </summary>
    private static bool Matches(SipServerTransaction transaction, SipRequest request)
    {
        if (!transaction.IsRfc2543)
        {
            return true;
        }

        var toTag = request.To.Tag;
        return request.Method.Kind == SipMethodKind.Ack
            ? string.Equals(toTag, transaction.ResponseToTag, StringComparison.Ordinal)
            : string.Equals(toTag, transaction.RequestToTag, StringComparison.Ordinal);
    }

    private bool IsMerged(SipRequest request, SipServerTransaction transaction)
    {
        if (request.To.Tag is not null)
        {
            return false;
        }

        var mergeKey = SipTransactionKeys.Merge(request);
        var owner = _merge.GetOrAdd(mergeKey, transaction);
        if (ReferenceEquals(owner, transaction)
            || (owner.State == SipServerTransactionState.Terminated && _merge.TryUpdate(mergeKey, transaction, owner)))
        {
            transaction.MergeKey = mergeKey;
            return false;
        }

        return owner.State != SipServerTransactionState.Terminated;
    }
}
