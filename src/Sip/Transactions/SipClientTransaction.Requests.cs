namespace Switchboard.Sip.Transactions;

public sealed partial class SipClientTransaction
{
    /// <summary>
    /// The CANCEL for this INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, From, To, CSeq number and top Via
    /// (so the same branch), method CANCEL, and the same Route set. Send it with
    /// <c>SipTransactionLayer.SendRequest</c>; §9.1 asks to wait for a provisional response first.
    /// The caller disposes the returned request.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not an INVITE, or already answered with a 2xx.</exception>
    public SipRequest CreateCancel() =>
        TryCreateCancel() ?? throw new InvalidOperationException("The INVITE was answered with a 2xx; there is nothing to cancel (RFC 3261 §9.1).");

    /// <summary>
    /// <see cref="CreateCancel"/>, or null once a 2xx arrived: a 2xx that crosses the TU's decision to cancel is
    /// not an error, and the transaction no longer holds the INVITE to build a CANCEL from.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not an INVITE.</exception>
    public SipRequest? TryCreateCancel()
    {
        if (!IsInvite)
        {
            throw new InvalidOperationException("Only an INVITE can be cancelled (RFC 3261 §9.1).");
        }

        byte[] request;
        lock (Gate)
        {
            request = _request;
        }

        if (request.Length == 0)
        {
            return null;
        }

        using var original = Layer.ParseOwn(request);
        var cancel = new SipRequestBuilder(SipMethod.Cancel, original.RequestUri)
        {
            From = original.From,
            To = original.To,
            CallId = original.CallId,
            CSeq = original.CSeq.Number,
        };
        cancel.Vias.Add(original.TopVia!);
        cancel.Routes.AddRange(original.Routes);
        return cancel.Build(Layer.Parser);
    }

    /// <summary>
    /// The ACK for a non-2xx final response (RFC 3261 §17.1.1.3): Request-URI, Call-ID, From, CSeq number and the
    /// single top Via of the INVITE, To of the response (it carries the UAS tag), the INVITE's Route set.
    /// </summary>
    private byte[] BuildAck(SipResponse response)
    {
        using var original = Layer.ParseOwn(_request);
        var ack = new SipRequestBuilder(SipMethod.Ack, original.RequestUri)
        {
            From = original.From,
            To = response.To,
            CallId = original.CallId,
            CSeq = original.CSeq.Number,
        };
        ack.Vias.Add(original.TopVia!);
        ack.Routes.AddRange(original.Routes);
        return ack.ToArray();
    }
}
