using System.Net;
using Switchboard.Grains.Hosting;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tenants;

/// <summary>
/// The trunk-source table; see <see cref="ITrunkSourceIndexGrain"/>. The most specific range wins (longest
/// prefix), so a carrier's /32 inside another tenant's /24 is still told apart.
/// </summary>
public sealed class TrunkSourceIndexGrain(
    [PersistentState("trunk-sources", StorageNames.Grains)] IPersistentState<TrunkSourceIndexState> state)
    : Grain, ITrunkSourceIndexGrain
{
    private List<(IpRange Range, TrunkSource Source)>? _table;

    public async Task<IReadOnlyList<string>> SetTenantSources(string tenantId, IReadOnlyList<TrunkSourceEntry> sources)
    {
        var takenByOthers = state.State.Tenants
            .Where(t => t.Key != tenantId)
            .SelectMany(t => t.Value)
            .Select(e => Canonical(e.Range))
            .ToHashSet(StringComparer.Ordinal);

        var conflicts = sources.Where(s => takenByOthers.Contains(Canonical(s.Range))).Select(s => s.Range).ToList();
        if (conflicts.Count > 0)
        {
            return conflicts;
        }

        if (sources.Count == 0)
        {
            state.State.Tenants.Remove(tenantId);
        }
        else
        {
            state.State.Tenants[tenantId] = [.. sources];
        }

        await state.WriteStateAsync();
        _table = null;
        return conflicts;
    }

    public Task<TrunkSource?> Lookup(string ipAddress)
    {
        if (!IPAddress.TryParse(ipAddress, out var address))
        {
            return Task.FromResult<TrunkSource?>(null);
        }

        _table ??= BuildTable();
        foreach (var (range, source) in _table)
        {
            if (range.Contains(address))
            {
                return Task.FromResult<TrunkSource?>(source);
            }
        }

        return Task.FromResult<TrunkSource?>(null);
    }

    private List<(IpRange, TrunkSource)> BuildTable()
    {
        var table = new List<(IpRange, TrunkSource)>();
        foreach (var (tenantId, entries) in state.State.Tenants)
        {
            foreach (var entry in entries)
            {
                if (IpRange.TryParse(entry.Range, out var range))
                {
                    table.Add((range, new TrunkSource(tenantId, entry.TrunkId)));
                }
            }
        }

        return [.. table.OrderByDescending(t => t.Item1.PrefixLength)];
    }

    private static string Canonical(string range) =>
        IpRange.TryParse(range, out var parsed) ? parsed.Canonical : range;
}
