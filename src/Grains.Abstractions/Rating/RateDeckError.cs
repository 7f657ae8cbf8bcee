namespace Switchboard.Grains.Rating;

/// <summary>One malformed CSV row: its 1-based line number in the file and what is wrong with it.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.RateDeckError")]
public sealed record RateDeckError(
    [property: Id(0)] int Line,
    [property: Id(1)] string Message);
