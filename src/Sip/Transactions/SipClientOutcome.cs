namespace Switchboard.Sip.Transactions;

/// <summary>How a client transaction ended.</summary>
public enum SipClientOutcome
{
    /// <summary>A final response arrived (2xx ends an INVITE transaction at once, §17.1.1.2).</summary>
    Response,

    /// <summary>Timer B or C (INVITE) or Timer F (non-INVITE) fired: treat as 408 (RFC 3261 §8.1.3.1); after Timer C send a CANCEL.</summary>
    Timeout,

    /// <summary>The transport could not send the request (RFC 3261 §17.1.4): treat as 503.</summary>
    TransportError,
}
