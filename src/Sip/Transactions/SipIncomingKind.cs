namespace Switchboard.Sip.Transactions;

/// <summary>What the transaction layer did with an incoming message, and so what the edge has left to do.</summary>
public enum SipIncomingKind
{
    /// <summary>A new request: a server transaction was created; the TU answers through it.</summary>
    NewRequest,

    /// <summary>
    /// A CANCEL: it got its own server transaction (answer it 200, or 481 when <see cref="SipIncomingResult.CancelTarget"/>
    /// is null), and the INVITE server transaction it refers to is named (RFC 3261 §9.2).
    /// </summary>
    Cancel,

    /// <summary>A retransmitted request, absorbed: the last response (if any) was sent again. Nothing to do.</summary>
    RequestRetransmission,

    /// <summary>An ACK for a non-2xx final response, absorbed by its INVITE server transaction. Nothing to do.</summary>
    AckAbsorbed,

    /// <summary>
    /// An ACK that matched an INVITE server transaction in Accepted (RFC 6026 §8.5): it acknowledges our 2xx and
    /// goes to the TU, which stops retransmitting the 2xx (RFC 3261 §13.3.1.4). <see cref="SipIncomingResult.Server"/> names it.
    /// </summary>
    AcceptedAck,

    /// <summary>An ACK matching no transaction: the ACK for a 2xx, which belongs to the dialog (RFC 3261 §17.2.3, §13.3.1.4).</summary>
    AckOutsideTransaction,

    /// <summary>A merged request (RFC 3261 §8.2.2.2): already answered 482 Loop Detected. Nothing to do.</summary>
    MergedRequest,

    /// <summary>A response that matched a client transaction: delivered to its owner or absorbed as a retransmission.</summary>
    ResponseConsumed,

    /// <summary>
    /// A 2xx that matched an INVITE client transaction in Accepted (RFC 6026 §8.4): a retransmission or a forked 2xx.
    /// It goes to the transaction's <see cref="SipResponseHandler"/> when it has one; either way the TU re-sends its
    /// ACK (RFC 3261 §13.2.2.4).
    /// </summary>
    AcceptedResponse,

    /// <summary>
    /// A response matching no client transaction (RFC 3261 §17.1.3), typically a retransmitted or forked 2xx to
    /// INVITE after the transaction ended: the dialog layer re-sends its ACK.
    /// </summary>
    StrayResponse,
}
