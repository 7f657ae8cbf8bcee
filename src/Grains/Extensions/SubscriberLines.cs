using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// The extensions an account pays for: those of its tenant that name it, and those that name no account when it
/// is the tenant's paying account. Used by the admin API (cancellation, erasure, export) and by the retention purge.
/// </summary>
public static class SubscriberLines
{
    private const int PageSize = 500;

    /// <summary>Every extension of the tenant, in number order, read page by page from its index.</summary>
    public static async IAsyncEnumerable<ExtensionSnapshot> AllAsync(IGrainFactory grains, string tenantId)
    {
        var index = grains.Grain<IExtensionIndexGrain>(tenantId);
        for (var offset = 0; ; offset += PageSize)
        {
            var numbers = await index.List(offset, PageSize);
            foreach (var number in numbers)
            {
                if (await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number)).GetSnapshot() is { } line)
                {
                    yield return line;
                }
            }

            if (numbers.Count < PageSize)
            {
                yield break;
            }
        }
    }

    public static async Task<List<ExtensionSnapshot>> PaidByAsync(IGrainFactory grains, string tenantId, string accountId)
    {
        var tenant = await grains.Grain<ITenantGrain>(tenantId).GetSnapshot();
        var lines = new List<ExtensionSnapshot>();
        await foreach (var line in AllAsync(grains, tenantId))
        {
            if (line.Settings.AccountId is { } own ? own == accountId : tenant?.Settings.AccountId == accountId)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>
    /// Cancelling the account disables its lines, so their phones can neither register nor call, and drops their
    /// display names, which are personal data.
    /// </summary>
    public static async Task DisableAsync(IGrainFactory grains, string tenantId, string accountId)
    {
        foreach (var line in await PaidByAsync(grains, tenantId, accountId))
        {
            if (line.Settings.Enabled || line.Settings.DisplayName.Length > 0)
            {
                await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, line.Number))
                    .Provision(line.Settings with { Enabled = false, DisplayName = "" }, password: null);
            }
        }
    }
}
