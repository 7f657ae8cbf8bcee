using Switchboard.Edge.Cluster;
using Switchboard.Edge.Registrar;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;

namespace Switchboard.Edge.Auth;

/// <summary>
/// Whether a tenant has an extension of that number, asked of the tenant's <see cref="IExtensionIndexGrain"/>
/// (one activation per tenant, its list in memory) and remembered like any directory answer. The digest gate asks
/// this first, so a scanner trying random user names never activates an extension grain, which would read the
/// database for each name; unknown names get the same challenge and the same 403 as a wrong password.
/// </summary>
public sealed class KnownExtensions
{
    private const int MaxEntries = 50_000;

    private readonly DirectoryAnswerCache<string> _answers;
    private readonly Func<string, Task<string?>> _load;

    public KnownExtensions(IGrainFactory grains, ClusterGuard guard, TimeProvider time)
    {
        _answers = new(time, TenantResolver.FreshFor, TenantResolver.KeepFor, TenantResolver.RefreshBudget, MaxEntries);
        _load = async key =>
        {
            var (tenantId, number) = ExtensionKeys.Parse(key);
            var listed = await guard.IdempotentAsync(_ => grains.Grain<IExtensionIndexGrain>(tenantId).Contains(number), CancellationToken.None);
            return listed ? key : null;
        };
    }

    /// <summary>Whether <paramref name="extensionKey"/> (<see cref="ExtensionKeys.For"/>) is a provisioned extension.</summary>
    public async Task<bool> ContainsAsync(string extensionKey, CancellationToken cancellationToken) =>
        await _answers.GetAsync(extensionKey, _load, cancellationToken) is not null;
}
