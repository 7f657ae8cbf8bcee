namespace Switchboard.Sip.Transactions;

/// <summary>
/// The final outcome of a client transaction. <see cref="Response"/> is a copy that owns its buffer, so it stays
/// valid after the transport reused its own; the receiver disposes it.
/// </summary>
public sealed class SipClientResult
{
    internal SipClientResult(SipClientOutcome outcome, SipResponse? response)
    {
        Outcome = outcome;
        Response = response;
    }

    public SipClientOutcome Outcome { get; }

    /// <summary>The final response when <see cref="Outcome"/> is <see cref="SipClientOutcome.Response"/>.</summary>
    public SipResponse? Response { get; }

    /// <summary>The status code, with 408 for a timeout and 503 for a transport error as RFC 3261 §8.1.3.1 suggests.</summary>
    public int StatusCode => Outcome switch
    {
        SipClientOutcome.Response => Response!.StatusCode,
        SipClientOutcome.Timeout => 408,
        _ => 503,
    };
}
