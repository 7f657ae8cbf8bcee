using Switchboard.Sip;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// A request the edge answers: the parsed request (the edge's own copy, so it outlives the transport's buffer and
/// responses can be built from it), where it came from, and the library's server transaction (RFC 3261 §17.2),
/// which sends, retransmits and absorbs. The transaction's <see cref="SipServerTransaction.Owner"/> points back
/// here, so a CANCEL's target (§9.2) finds the INVITE it cancels.
/// </summary>
public sealed class InboundRequest
{
    private SipRequest? _request;

    public InboundRequest(SipRequest request, SipEndPoint source, SipServerTransaction transaction)
    {
        _request = request;
        Source = source;
        Transaction = transaction;
        transaction.Owner = this;
    }

    /// <summary>The request; gone after <see cref="ReleaseRequest"/>, when nothing can be answered any more.</summary>
    /// <exception cref="InvalidOperationException">Read after <see cref="ReleaseRequest"/>.</exception>
    public SipRequest Request => _request ?? throw new InvalidOperationException("The request was released after its final response.");

    /// <summary>The request, or null once released: for code that may race the release.</summary>
    public SipRequest? KeptRequest => Volatile.Read(ref _request);

    public SipEndPoint Source { get; }

    public SipServerTransaction Transaction { get; }

    /// <summary>Whatever handles the request (the call session for an initial INVITE), for CANCEL and ACK to find.</summary>
    public object? Owner { get; set; }

    /// <summary>The To tag our responses carry (§8.2.6.2), fixed at the first response that needs one.</summary>
    public string? LocalTag { get; set; }

    /// <summary>A final response was sent: a later one is refused (one final per transaction, §17.2.1).</summary>
    public bool IsCompleted => Transaction.LastStatusCode >= 200;

    /// <summary>
    /// Lets go of the parsed request once its final response went out and was acknowledged. An answered call's
    /// INVITE (about 1 KB, more once its headers are read) was kept for the whole call only to build responses the
    /// transaction would refuse anyway. No effect before the final response.
    /// </summary>
    public void ReleaseRequest()
    {
        if (IsCompleted)
        {
            Volatile.Write(ref _request, null);
        }
    }
}
