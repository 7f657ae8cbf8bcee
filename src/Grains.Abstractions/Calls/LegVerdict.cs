using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>The call grain's instruction for one reported callee response; see <see cref="LegAction"/>.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LegVerdict")]
public sealed record LegVerdict(
    [property: Id(0)] LegAction Action,
    [property: Id(1)] int Status,
    [property: Id(2)] string Reason,
    [property: Id(3)] CallTarget? NextTarget,
    [property: Id(4)] IReadOnlyList<string> CancelLegs)
{
    /// <summary>
    /// <see cref="LegAction.TryNext"/> to a forwarding target that forks (an extension's phones): the targets to start
    /// beside <see cref="NextTarget"/>.
    /// </summary>
    [Id(5)]
    public IReadOnlyList<CallTarget>? AlsoTargets { get; init; }

    public static LegVerdict Of(LegAction action) => new(action, 0, string.Empty, null, []);
}
