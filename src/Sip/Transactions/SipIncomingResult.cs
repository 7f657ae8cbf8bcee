namespace Switchboard.Sip.Transactions;

/// <summary>The transaction layer's verdict on one incoming message.</summary>
public readonly record struct SipIncomingResult(
    SipIncomingKind Kind,
    SipServerTransaction? Server = null,
    SipClientTransaction? Client = null,
    SipServerTransaction? CancelTarget = null)
{
    /// <summary>True when the layer fully handled the message and the TU has nothing to do.</summary>
    public bool Absorbed => Kind is SipIncomingKind.RequestRetransmission or SipIncomingKind.AckAbsorbed
        or SipIncomingKind.MergedRequest or SipIncomingKind.ResponseConsumed;
}
