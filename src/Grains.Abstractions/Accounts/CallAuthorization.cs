namespace Switchboard.Grains.Accounts;

using Switchboard.Grains.Billing;

/// <summary>
/// The account's answer to an INVITE. When refused, <see cref="SipStatus"/> (402, 403 or 484) and
/// <see cref="Reason"/> go back to the caller. When allowed, <see cref="MaxDuration"/> is the longest the call may
/// last on the credit available right now, and the call must ask for an extension before
/// <see cref="ReservedUntil"/> of answered time runs out.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallAuthorization")]
public sealed record CallAuthorization(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int SipStatus,
    [property: Id(2)] string Reason,
    [property: Id(3)] AppliedRate? Rate,
    [property: Id(4)] decimal ReservedAmount,
    [property: Id(5)] TimeSpan ReservedUntil,
    [property: Id(6)] TimeSpan MaxDuration)
{
    /// <summary>Which limit refused the call, when a fraud rule did (null otherwise).</summary>
    [Id(7)]
    public Fraud.FraudRule? FraudRule { get; init; }

    public static CallAuthorization Refuse(int sipStatus, string reason) =>
        new(false, sipStatus, reason, null, 0m, TimeSpan.Zero, TimeSpan.Zero);
}
