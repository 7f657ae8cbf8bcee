namespace Switchboard.Grains.Extensions;

/// <summary>
/// The registrar's answer: <see cref="Status"/> 200 with all current <see cref="Bindings"/> (RFC 3261 §10.3
/// step 8), 423 Interval Too Brief with <see cref="MinExpires"/> for the Min-Expires header, 400 for a
/// wildcard misuse, 403 for a disabled extension, 404 for an unknown one, 500 for an out-of-order CSeq.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.RegistrationResult")]
public sealed record RegistrationResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string Reason,
    [property: Id(2)] int? MinExpires,
    [property: Id(3)] IReadOnlyList<Binding> Bindings,
    [property: Id(4)] DateTimeOffset At);
