namespace Switchboard.Grains.Accounts;

/// <summary>
/// The result of extending a live call's reservation. <see cref="ReservedUntil"/> is answered time the call may
/// reach; when <see cref="Exhausted"/> the call must end at that second (the call grain sends the BYE).
/// <see cref="MaxDuration"/> is the longest the call may last on the credit available right now.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ReservationExtension")]
public sealed record ReservationExtension(
    [property: Id(0)] bool Exhausted,
    [property: Id(1)] decimal ReservedAmount,
    [property: Id(2)] TimeSpan ReservedUntil)
{
    [Id(3)]
    public TimeSpan MaxDuration { get; init; }

    /// <summary>False when the account holds no reservation for the call (never authorised or already settled).</summary>
    [Id(4)]
    public bool Known { get; init; } = true;
}
