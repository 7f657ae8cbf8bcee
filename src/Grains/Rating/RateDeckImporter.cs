using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Rating;

/// <summary>
/// Imports a rate deck CSV into a plan, all or nothing, and exports it back. The admin API calls this (it runs in
/// the silo); an import invalidates this silo's cache at once and the others within their refresh period.
/// </summary>
public sealed class RateDeckImporter(IRatePlanStore store, RateDeckCache cache)
{
    public async Task<RateDeckImportResult> ImportAsync(
        string planId, RatePlanKind kind, string description, TextReader csv, CancellationToken cancellationToken = default)
    {
        if (!RatePlanIds.IsValid(planId))
        {
            return new(null, [new RateDeckError(0, $"plan id '{planId}' must match {RatePlanIds.Pattern}")]);
        }

        var parsed = RateDeckCsv.Parse(csv);
        if (!parsed.Succeeded)
        {
            return new(null, parsed.Errors);
        }

        var plan = await store.ReplaceAsync(planId, kind, description, parsed.Entries, cancellationToken);
        cache.Invalidate(planId);
        return new(plan, []);
    }

    /// <summary>The plan as CSV in the import format, or null when it does not exist.</summary>
    public async Task<string?> ExportAsync(string planId, CancellationToken cancellationToken = default) =>
        await store.LoadAsync(planId, cancellationToken) is { } deck ? RateDeckCsv.Write(deck.Entries) : null;
}
