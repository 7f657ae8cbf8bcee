namespace Switchboard.Grains.Quality;

/// <summary>
/// A scope's quality over the last <see cref="Minutes"/> minutes. Ratios are null when no call was seized (and
/// <see cref="AcdSeconds"/> when none was answered, <see cref="PddMilliseconds"/> when no delay was measured).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.QualityWindow")]
public sealed record QualityWindow(
    [property: Id(0)] int Minutes,
    [property: Id(1)] long Seized,
    [property: Id(2)] long Answered,
    [property: Id(3)] decimal? Asr,
    [property: Id(4)] decimal? AcdSeconds,
    [property: Id(5)] decimal? Ner,
    [property: Id(6)] decimal? PddMilliseconds,
    [property: Id(7)] IReadOnlyDictionary<int, long> FailuresBySipStatus);
