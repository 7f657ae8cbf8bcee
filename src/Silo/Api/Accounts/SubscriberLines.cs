using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Accounts;

/// <summary>
/// The extensions an account pays for: those of its tenant that name it, and those that name no account when it
/// is the tenant's paying account. Cancelling the account disables them, so their phones can neither register
/// nor call, and drops their display names, which are personal data.
/// </summary>
public static class SubscriberLines
{
    private const int PageSize = 500;

    public static async Task<int> DisableAsync(IGrainFactory grains, string tenantId, string accountId)
    {
        var tenant = await grains.GetGrain<ITenantGrain>(tenantId).GetSnapshot();
        var index = grains.GetGrain<IExtensionIndexGrain>(tenantId);
        var disabled = 0;
        for (var offset = 0; ; offset += PageSize)
        {
            var numbers = await index.List(offset, PageSize);
            foreach (var number in numbers)
            {
                var extension = grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(tenantId, number));
                if (await extension.GetSnapshot() is { } line && PaysFor(line.Settings, tenant, accountId) && line.Settings.Enabled)
                {
                    await extension.Provision(line.Settings with { Enabled = false, DisplayName = "" }, password: null);
                    disabled++;
                }
            }

            if (numbers.Count < PageSize)
            {
                return disabled;
            }
        }
    }

    private static bool PaysFor(ExtensionSettings settings, TenantSnapshot? tenant, string accountId) =>
        settings.AccountId is { } own ? own == accountId : tenant?.Settings.AccountId == accountId;
}
