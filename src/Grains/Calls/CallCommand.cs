using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Calls;

/// <summary>
/// One side effect the <see cref="CallStateMachine"/> decided on, for its grain to carry out. A struct in a buffer
/// the machine reuses, so feeding an event allocates no command objects; the payload fields are set only for the
/// kinds that name them.
/// </summary>
public readonly record struct CallCommand(CallCommandKind Kind)
{
    /// <summary><see cref="CallCommandKind.EndLegs"/>: the legs to end, each with its request and CSeq.</summary>
    public IReadOnlyList<LegTermination>? Terminations { get; init; }

    /// <summary><see cref="CallCommandKind.EndLegs"/>: the edge that reported the end, or null when the call ended itself.</summary>
    public string? Edge { get; init; }

    /// <summary><see cref="CallCommandKind.EndLegs"/>: why, as the edge command carries it.</summary>
    public string? Reason { get; init; }

    /// <summary><see cref="CallCommandKind.ExtendCredit"/>: answered time so far.</summary>
    public TimeSpan AnsweredFor { get; init; }

    /// <summary>When the machine decided: the time the answer to this command must be fed back with.</summary>
    public DateTimeOffset At { get; init; }
}
