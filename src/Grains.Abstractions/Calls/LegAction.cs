namespace Switchboard.Grains.Calls;

/// <summary>What the edge does after reporting a callee leg's response (<see cref="LegVerdict"/>).</summary>
[GenerateSerializer, Alias("Switchboard.LegAction")]
public enum LegAction
{
    /// <summary>Relay the provisional response (with its SDP) to the caller leg.</summary>
    Relay = 0,

    /// <summary>This 2xx won: ACK it, send 200 to the caller, CANCEL <see cref="LegVerdict.CancelLegs"/>.</summary>
    Connect = 1,

    /// <summary>This leg lost or the call is over: ACK a 2xx and BYE it (RFC 3261 §13.2.2.4); drop a 1xx.</summary>
    Discard = 2,

    /// <summary>This branch failed, others are still pending: nothing to tell the caller yet.</summary>
    Wait = 3,

    /// <summary>Start the next failover target <see cref="LegVerdict.NextTarget"/> (sequential routing).</summary>
    TryNext = 4,

    /// <summary>All branches failed: answer the caller with <see cref="LegVerdict.Status"/>/<see cref="LegVerdict.Reason"/>.</summary>
    Fail = 5,
}
