namespace Switchboard.Sip.Transactions;

/// <summary>
/// The final outcome of a client transaction. <see cref="Response"/> is a copy that owns its buffer, so it stays
/// valid after the transport reused its own; the receiver disposes it.
/// </summary>
public sealed class SipClientResult
{
    private readonly int _status;

    internal SipClientResult(SipClientOutcome outcome, SipResponse? response)
    {
        Outcome = outcome;
        Response = response;
        _status = response?.StatusCode ?? 0;
    }

    /// <summary>A final response a <see cref="SipResponseHandler"/> already had: its status, not the message.</summary>
    internal SipClientResult(int handledStatus)
    {
        Outcome = SipClientOutcome.Response;
        _status = handledStatus;
    }

    public SipClientOutcome Outcome { get; }

    /// <summary>
    /// The final response when <see cref="Outcome"/> is <see cref="SipClientOutcome.Response"/>, except for a
    /// transaction started with a <see cref="SipResponseHandler"/>: the handler had it, and it is not kept.
    /// </summary>
    public SipResponse? Response { get; }

    /// <summary>The status code, with 408 for a timeout and 503 for a transport error as RFC 3261 §8.1.3.1 suggests.</summary>
    public int StatusCode => Outcome switch
    {
        SipClientOutcome.Response => _status,
        SipClientOutcome.Timeout => 408,
        _ => 503,
    };
}
