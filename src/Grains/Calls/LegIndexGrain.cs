namespace Switchboard.Grains.Calls;

/// <summary>
/// Leg Call-ID → call id; see <see cref="ILegIndexGrain"/>. Memory only, like the call it points to: after a silo
/// loss a missing entry sends an in-dialog request to 481, which is what the lost call would answer anyway.
/// </summary>
public sealed class LegIndexGrain : Grain, ILegIndexGrain
{
    private string? _callId;

    public Task<string?> Lookup() => Task.FromResult(_callId);

    public Task<bool> Assign(string callId)
    {
        // A Call-ID collision between two calls would cross their dialogs; the first owner keeps it.
        _callId ??= callId;
        return Task.FromResult(_callId == callId);
    }

    public Task Release(string callId)
    {
        if (_callId == callId)
        {
            _callId = null;
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }
}
