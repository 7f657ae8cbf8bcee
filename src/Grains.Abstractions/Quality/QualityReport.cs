namespace Switchboard.Grains.Quality;

/// <summary>One scope's quality over 5 minutes, 1 hour and 24 hours, as of <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.QualityReport")]
public sealed record QualityReport(
    [property: Id(0)] string Scope,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyList<QualityWindow> Windows);
