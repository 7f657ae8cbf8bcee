namespace Switchboard.Grains.Calls;

/// <summary>Where one callee leg's INVITE transaction and dialog stand.</summary>
[GenerateSerializer, Alias("Switchboard.Grains.LegPhase")]
public enum LegPhase
{
    /// <summary>INVITE sent, no response with a To tag yet.</summary>
    Trying = 0,

    /// <summary>A provisional response created an early dialog (RFC 3261 §12.1).</summary>
    Early = 1,

    /// <summary>2xx received and accepted: the confirmed dialog of the call.</summary>
    Answered = 2,

    /// <summary>CANCEL or BYE ordered; waiting for the edge to confirm.</summary>
    Ending = 3,

    /// <summary>Done: failed with a final response, cancelled, or BYE completed.</summary>
    Ended = 4,
}
