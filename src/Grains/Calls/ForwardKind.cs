namespace Switchboard.Grains.Calls;

/// <summary>Why a ringing call moves on to its callee's forwarding target.</summary>
public enum ForwardKind
{
    /// <summary>Every phone answered busy (486, 600).</summary>
    Busy = 0,

    /// <summary>No phone answered in time, or none could be reached (480, 408).</summary>
    NoAnswer = 1,
}
