using Switchboard.Edge.Cluster;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;

namespace Switchboard.Edge.Registrar;

/// <summary>
/// Directory lookups the edge makes before it knows the tenant (docs/call-control.md, "Who is calling"), answered
/// from a <see cref="DirectoryAnswerCache{T}"/> so that every REGISTER and INVITE does not depend on the silo that
/// holds a directory index grain.
/// </summary>
public sealed class TenantResolver
{
    /// <summary>With the directory workers' 2 s, a provisioning change reaches new calls within about 3 s.</summary>
    internal static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    /// <summary>How long a last answer may stand in while the cluster cannot give a new one.</summary>
    internal static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    /// <summary>How long a request that has an older answer waits for the new one: a lookup normally takes milliseconds.</summary>
    internal static readonly TimeSpan RefreshBudget = TimeSpan.FromMilliseconds(250);

    private const int MaxEntries = 50_000;

    private readonly IGrainFactory _grains;
    private readonly ClusterGuard _guard;
    private readonly DirectoryAnswerCache<string> _domains;
    private readonly DirectoryAnswerCache<TrunkSource> _trunks;
    private readonly Func<string, Task<string?>> _loadDomain;
    private readonly Func<string, Task<TrunkSource?>> _loadTrunk;

    public TenantResolver(IGrainFactory grains, ClusterGuard guard, TimeProvider time)
    {
        _grains = grains;
        _guard = guard;
        _domains = new(time, FreshFor, KeepFor, RefreshBudget, MaxEntries);
        _trunks = new(time, FreshFor, KeepFor, RefreshBudget, MaxEntries);

        // Shared by every request waiting on the same key, so they run without any one caller's cancellation.
        _loadDomain = domain => _guard.IdempotentAsync(_ => Directory.ResolveDomain(domain), CancellationToken.None);
        _loadTrunk = address => _guard.IdempotentAsync(_ => Directory.ResolveTrunkSource(address), CancellationToken.None);
    }

    private IDirectoryGrain Directory => _grains.Grain<IDirectoryGrain>(IDirectoryGrain.Key);

    /// <summary>The tenant owning a SIP domain (case-insensitive, RFC 3261 §19.1.4), or null.</summary>
    public Task<string?> ResolveAsync(string domain, CancellationToken cancellationToken) =>
        _domains.GetAsync(domain.ToLowerInvariant(), _loadDomain, cancellationToken);

    /// <summary>The trunk a source IP belongs to, or null for anything that is not a carrier.</summary>
    public Task<TrunkSource?> ResolveTrunkAsync(string ipAddress, CancellationToken cancellationToken) =>
        _trunks.GetAsync(ipAddress, _loadTrunk, cancellationToken);
}
