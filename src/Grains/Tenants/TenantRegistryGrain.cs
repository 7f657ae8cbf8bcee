using Switchboard.Grains.Hosting;
using Switchboard.Grains.Indexing;

namespace Switchboard.Grains.Tenants;

/// <summary>
/// Every tenant id; see <see cref="ITenantRegistryGrain"/>. The new list is only kept once it is stored, so a failed
/// write leaves the grain as it was and the tenant's retry registers again.
/// </summary>
public sealed class TenantRegistryGrain(
    [PersistentState("tenant-registry", StorageNames.Grains)] IPersistentState<TenantRegistryState> state)
    : Grain, ITenantRegistryGrain
{
    public async Task Register(string tenantId)
    {
        // Only a configured tenant registers itself, with an id it checked: a bad one here is a bug, not input.
        if (TenantValidation.CheckTenantId(tenantId) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(tenantId));
        }

        var before = state.State.TenantIds;
        if (SortedIds.With(before, tenantId) is not { } after)
        {
            return;
        }

        state.State.TenantIds = after;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.TenantIds = before;
            throw;
        }
    }

    public Task<IReadOnlyList<string>> List(int offset, int limit) =>
        Task.FromResult(SortedIds.Page(state.State.TenantIds, offset, limit));
}
