using Switchboard.Edge.Cluster;
using Switchboard.Grains.Tenants;

namespace Switchboard.Edge.Registrar;

/// <summary>Directory lookups the edge makes before it knows the tenant (docs/call-control.md, "Who is calling").</summary>
public sealed class TenantResolver(IGrainFactory grains, ClusterGuard guard)
{
    private IDirectoryGrain Directory => grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Key);

    /// <summary>The tenant owning a SIP domain (case-insensitive, RFC 3261 §19.1.4), or null.</summary>
    public Task<string?> ResolveAsync(string domain, CancellationToken cancellationToken) =>
        guard.IdempotentAsync(_ => Directory.ResolveDomain(domain.ToLowerInvariant()), cancellationToken);

    /// <summary>The trunk a source IP belongs to, or null for anything that is not a carrier.</summary>
    public Task<TrunkSource?> ResolveTrunkAsync(string ipAddress, CancellationToken cancellationToken) =>
        guard.IdempotentAsync(_ => Directory.ResolveTrunkSource(ipAddress), cancellationToken);
}
