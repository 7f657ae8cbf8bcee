namespace Switchboard.Grains.Edges;

/// <summary>How an edge ends one leg: BYE for a confirmed or early dialog it created a 2xx for, CANCEL for a
/// pending INVITE client transaction (RFC 3261 §9), or a final error response for a pending server transaction.</summary>
[GenerateSerializer, Alias("Switchboard.TerminationMethod")]
public enum TerminationMethod
{
    /// <summary>Send BYE in the leg's dialog with <see cref="LegTermination.CSeq"/> (RFC 3261 §15.1.1).</summary>
    Bye = 0,

    /// <summary>CANCEL the INVITE sent on this leg (RFC 3261 §9.1); the leg then ends with 487.</summary>
    Cancel = 1,

    /// <summary>Answer the caller's pending INVITE with <see cref="LegTermination.Status"/> (no dialog yet).</summary>
    Reject = 2,
}
