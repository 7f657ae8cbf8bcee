using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.RatePlans;

/// <summary>
/// Which rate plans a key may read. Unbound keys read every plan. A key bound to a tenant reads only the retail
/// plans its tenant's accounts are on: its own prices, never another tenant's plan nor a carrier cost deck.
/// </summary>
public static class TenantRatePlans
{
    /// <summary>More accounts than one tenant has; the page walk stops there rather than run without bound.</summary>
    private const int MaxAccounts = 10_000;

    private const int PageSize = 1000;

    public static async Task<IReadOnlyList<RatePlanSummary>> VisibleAsync(ApiCaller caller, IRatePlanStore plans, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var all = await plans.ListAsync(cancellationToken);
        if (caller.TenantId is not { } tenantId)
        {
            return all;
        }

        var own = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; offset < MaxAccounts; offset += PageSize)
        {
            var page = await accounts.ListAsync(new AccountQuery(tenantId, PageSize, offset), cancellationToken);
            own.UnionWith(page.Select(a => a.RatePlanId));
            if (page.Count < PageSize)
            {
                break;
            }
        }

        return [.. all.Where(p => p.Kind == RatePlanKind.Retail && own.Contains(p.PlanId))];
    }
}
