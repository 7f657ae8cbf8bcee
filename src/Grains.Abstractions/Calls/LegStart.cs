namespace Switchboard.Grains.Calls;

/// <summary>
/// Reported by the edge just before it sends the INVITE of a callee leg towards <see cref="TargetIndex"/>
/// of the decision: the leg's own Call-ID, our From tag, CSeq and the destination. The call grain indexes the
/// leg's Call-ID so any edge can find the call from an in-dialog request on it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LegStart")]
public sealed record LegStart(
    [property: Id(0)] int TargetIndex,
    [property: Id(1)] LegDialog Dialog);
