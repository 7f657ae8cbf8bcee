namespace Switchboard.Grains.Rating;

/// <summary>
/// The outcome of a CSV import. An import is all or nothing: when <see cref="Errors"/> is not empty nothing was
/// applied and <see cref="Plan"/> is null.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.RateDeckImportResult")]
public sealed record RateDeckImportResult(
    [property: Id(0)] RatePlanSummary? Plan,
    [property: Id(1)] IReadOnlyList<RateDeckError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
