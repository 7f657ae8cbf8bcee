namespace Switchboard.Grains.Accounts;

/// <summary>
/// The result of extending a live call's reservation. <see cref="ReservedUntil"/> is answered time the call may
/// reach; when <see cref="Exhausted"/> the call must end at that second.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ReservationExtension")]
public sealed record ReservationExtension(
    [property: Id(0)] bool Exhausted,
    [property: Id(1)] decimal ReservedAmount,
    [property: Id(2)] TimeSpan ReservedUntil);
