using Switchboard.Grains.Billing;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The routing outcome of an INVITE before billing: a refusal (<see cref="Status"/> non-zero) or targets, with who
/// pays and what is billed. <see cref="Refused"/> marks a policy refusal (disposition Refused, not the status map).
/// </summary>
public sealed record CallRoute(
    int Status,
    string Reason,
    bool Refused,
    CallDirection Direction,
    ForkStrategy Strategy,
    IReadOnlyList<CallTarget> Targets,
    string? AccountId,
    string Callee,
    string BillingDestination,
    string? TrunkId,
    TimeSpan RingTimeout,
    TimeSpan MaxCallDuration,
    IReadOnlyDictionary<string, string> CarrierPlans)
{
    /// <summary>The callee extension's busy and no-answer forwarding, when it has any (null otherwise).</summary>
    public PendingForward? Forward { get; init; }

    /// <summary>The extension whose forwarding led here (it pays when the target is an outside number).</summary>
    public string? ForwardedFrom { get; init; }

    public static CallRoute Reject(int status, CallDirection direction, string? accountId, string callee, bool refused = false, string? reason = null) =>
        new(status, reason ?? ReasonPhrases.For(status), refused, direction, ForkStrategy.Parallel, [], accountId, callee, callee,
            null, TimeSpan.Zero, TimeSpan.Zero, new Dictionary<string, string>());
}
