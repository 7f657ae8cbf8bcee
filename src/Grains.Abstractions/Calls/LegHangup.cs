namespace Switchboard.Grains.Calls;

/// <summary>An edge reports a BYE/CANCEL or a failure on one leg; <see cref="EdgeId"/> is the reporting edge.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LegHangup")]
public sealed record LegHangup(
    [property: Id(0)] string LegCallId,
    [property: Id(1)] HangupKind Kind,
    [property: Id(2)] string EdgeId,
    [property: Id(3)] string Reason);
