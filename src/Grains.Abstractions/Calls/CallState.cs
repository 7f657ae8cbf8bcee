namespace Switchboard.Grains.Calls;

/// <summary>The call's state machine. Transitions only move forward; Ended is final.</summary>
[GenerateSerializer, Alias("Switchboard.CallState")]
public enum CallState
{
    /// <summary>Grain created, INVITE not yet decided.</summary>
    Initiating = 0,

    /// <summary>Decision made, targets handed to the edge, no provisional response with a To tag yet.</summary>
    Routing = 1,

    /// <summary>A callee leg answered 180 (RFC 3261 §13.2.2.1 provisional).</summary>
    Ringing = 2,

    /// <summary>A callee leg answered 183 with SDP (early media, RFC 3960).</summary>
    EarlyMedia = 3,

    /// <summary>A callee leg answered 2xx; billing slices run.</summary>
    Answered = 4,

    /// <summary>End decided; waiting for edges to confirm the legs are gone (bounded).</summary>
    Ending = 5,

    /// <summary>Over; the CDR is settled or being settled.</summary>
    Ended = 6,
}
