using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Tenants;

/// <summary>
/// The edges' lookup front; see <see cref="IDirectoryGrain"/>. A stateless worker, so each silo answers from
/// local activations, each with a small time-bounded cache (negative answers are cached too: a scanner
/// probing unknown domains must not reach the index grains at its own rate).
/// </summary>
[StatelessWorker]
public sealed class DirectoryGrain(IOptions<CallControlOptions> options, TimeProvider time) : Grain, IDirectoryGrain
{
    private const int MaxCachedEntries = 10_000;

    private readonly TimeSpan _cacheTime = options.Value.DirectoryCacheTime;
    private readonly Dictionary<string, (object? Value, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async Task<string?> ResolveDomain(string sipDomain)
    {
        var key = DirectoryKeys.Domain(sipDomain);
        return await Cached(key, async () =>
            (await GrainFactory.Grain<IDirectoryEntryGrain>(key).Lookup())?.TenantId);
    }

    public async Task<DidTarget?> ResolveDid(string number)
    {
        var key = DirectoryKeys.Did(number);
        return await Cached(key, async () =>
            await GrainFactory.Grain<IDirectoryEntryGrain>(key).Lookup() is { Target: { } extension } entry
                ? new DidTarget(entry.TenantId, extension)
                : null);
    }

    public async Task<TrunkSource?> ResolveTrunkSource(string ipAddress) =>
        await Cached("ip:" + ipAddress, () =>
            GrainFactory.Grain<ITrunkSourceIndexGrain>(DirectoryKeys.TrunkSources).Lookup(ipAddress));

    private async Task<T?> Cached<T>(string key, Func<Task<T?>> load)
        where T : class
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Expires > now)
        {
            return (T?)hit.Value;
        }

        var value = await load();
        if (_cacheTime > TimeSpan.Zero)
        {
            if (_cache.Count >= MaxCachedEntries)
            {
                // Crude but bounded: a flood of distinct keys empties the cache rather than growing it.
                _cache.Clear();
            }

            _cache[key] = (value, now + _cacheTime);
        }

        return value;
    }
}
