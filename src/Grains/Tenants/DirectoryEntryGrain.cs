using Switchboard.Grains.Hosting;

namespace Switchboard.Grains.Tenants;

/// <summary>Ownership of one SIP domain or DID; see <see cref="IDirectoryEntryGrain"/>.</summary>
public sealed class DirectoryEntryGrain(
    [PersistentState("directory-entry", StorageNames.Grains)] IPersistentState<DirectoryEntryState> state)
    : Grain, IDirectoryEntryGrain
{
    public async Task<bool> Claim(string tenantId, string? target)
    {
        if (state.State.Entry is { } entry && entry.TenantId != tenantId)
        {
            return false;
        }

        var claimed = new DirectoryEntry(tenantId, target);
        if (claimed != state.State.Entry)
        {
            state.State.Entry = claimed;
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task Release(string tenantId)
    {
        if (state.State.Entry?.TenantId == tenantId)
        {
            state.State.Entry = null;
            await state.ClearStateAsync();
        }
    }

    public Task<DirectoryEntry?> Lookup() => Task.FromResult(state.State.Entry);
}
