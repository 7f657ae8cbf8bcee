using Switchboard.Grains.Extensions;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The busy and no-answer forwarding that may still happen to a call ringing <see cref="Extension"/>.
/// <see cref="Chain"/>: the extensions the call has been routed to so far, in order, for loop detection.
/// </summary>
public sealed record PendingForward(string Extension, CallForwarding Settings, IReadOnlyList<string> Chain)
{
    public string? TargetFor(ForwardKind kind) => kind == ForwardKind.Busy ? Settings.OnBusy : Settings.OnNoAnswer;
}
