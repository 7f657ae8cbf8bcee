namespace Switchboard.Grains.Calls;

/// <summary>Why an edge reports that a leg is going away.</summary>
[GenerateSerializer, Alias("Switchboard.HangupKind")]
public enum HangupKind
{
    /// <summary>The peer sent BYE (RFC 3261 §15.1.2); the edge answered 200.</summary>
    Bye = 0,

    /// <summary>The caller sent CANCEL before a final response (RFC 3261 §9.2); the edge answered 200 and 487.</summary>
    Cancel = 1,

    /// <summary>No ACK for our 2xx within 64*T1 (RFC 3261 §13.3.1.4): the edge must end the dialog.</summary>
    AckTimeout = 2,

    /// <summary>A transaction timed out (Timer B/F) or the transport failed; the leg is unusable.</summary>
    TransportFailure = 3,
}
