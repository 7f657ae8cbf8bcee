using Switchboard.Grains.Calls;

namespace Switchboard.Grains.Edges;

/// <summary>
/// One leg an edge must end, with the whole dialog state so that any edge, not only the one that built the
/// leg, can send the request. <see cref="CSeq"/> is already allocated by the call grain, so CSeq numbers stay
/// increasing even when different edges send requests in one dialog (RFC 3261 §12.2.1.1).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LegTermination")]
public sealed record LegTermination(
    [property: Id(0)] LegDialog Dialog,
    [property: Id(1)] TerminationMethod Method,
    [property: Id(2)] long CSeq,
    [property: Id(3)] int Status,
    [property: Id(4)] string Reason);
