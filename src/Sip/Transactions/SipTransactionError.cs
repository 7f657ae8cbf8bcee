namespace Switchboard.Sip.Transactions;

/// <summary>Why a server transaction ended without the normal exchange completing; reported to the TU.</summary>
public enum SipTransactionError
{
    /// <summary>Timer H fired: no ACK for a non-2xx final response to INVITE (RFC 3261 §17.2.1).</summary>
    AckTimeout,

    /// <summary>A response could not be sent (RFC 3261 §17.2.4).</summary>
    TransportError,

    /// <summary>The TU never answered within <see cref="SipTransactionOptions.AbandonedServerTransactionTimeout"/>.</summary>
    Abandoned,
}
