namespace Switchboard.Grains.Rating;

/// <summary>Rows read from a rate deck CSV, or the malformed rows by line number (then nothing may be applied).</summary>
public sealed record RateDeckCsvResult(IReadOnlyList<RateEntry> Entries, IReadOnlyList<RateDeckError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
