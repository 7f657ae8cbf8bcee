using Switchboard.Grains.Hosting;

namespace Switchboard.Grains.Calls;

/// <summary>Leg Call-ID → call id; see <see cref="ILegIndexGrain"/>.</summary>
public sealed class LegIndexGrain(
    [PersistentState("leg-index", StorageNames.Grains)] IPersistentState<LegIndexState> state) : Grain, ILegIndexGrain
{
    public Task<string?> Lookup() => Task.FromResult(state.State.CallId);

    public async Task<bool> Assign(string callId)
    {
        if (state.State.CallId is { } existing)
        {
            // A Call-ID collision between two calls would cross their dialogs; the first owner keeps it.
            return existing == callId;
        }

        state.State.CallId = callId;
        await state.WriteStateAsync();
        return true;
    }

    public async Task Release(string callId)
    {
        if (state.State.CallId == callId)
        {
            await state.ClearStateAsync();
            state.State.CallId = null;
            DeactivateOnIdle();
        }
    }
}
