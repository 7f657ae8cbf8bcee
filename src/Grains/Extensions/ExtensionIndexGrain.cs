using Switchboard.Grains.Hosting;
using Switchboard.Grains.Indexing;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// One tenant's extension numbers; see <see cref="IExtensionIndexGrain"/>. The new list is only kept once it is
/// stored, so a failed write leaves the grain as it was and the extension's retry applies the change again.
/// </summary>
public sealed class ExtensionIndexGrain(
    [PersistentState("extension-index", StorageNames.Grains)] IPersistentState<ExtensionIndexState> state)
    : Grain, IExtensionIndexGrain
{
    public Task Add(string number)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        return Store(SortedIds.With(state.State.Numbers, number));
    }

    public Task Remove(string number)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        return Store(SortedIds.Without(state.State.Numbers, number));
    }

    public Task<bool> Contains(string number) =>
        Task.FromResult(number is not null && state.State.Numbers.BinarySearch(number, StringComparer.Ordinal) >= 0);

    public Task<IReadOnlyList<string>> List(int offset, int limit) =>
        Task.FromResult(SortedIds.Page(state.State.Numbers, offset, limit));

    private async Task Store(List<string>? after)
    {
        if (after is null)
        {
            return;
        }

        var before = state.State.Numbers;
        state.State.Numbers = after;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Numbers = before;
            throw;
        }
    }
}
