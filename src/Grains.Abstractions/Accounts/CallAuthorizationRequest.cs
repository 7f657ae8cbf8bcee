namespace Switchboard.Grains.Accounts;

using Switchboard.Grains.Billing;

/// <summary>
/// Asked by the call grain when an INVITE arrives. Destination is E.164 digits without '+'. On-net and inbound
/// calls are not rated (they cost nothing) but still count against the fraud limits.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallAuthorizationRequest")]
public sealed record CallAuthorizationRequest(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Caller,
    [property: Id(2)] string Destination,
    [property: Id(3)] CallDirection Direction,
    [property: Id(4)] DateTimeOffset StartedAt);
