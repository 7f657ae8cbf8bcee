namespace Switchboard.Grains.Calls;

/// <summary>
/// Maps one leg's SIP Call-ID to its call grain, keyed <see cref="CallKeys.LegIndex"/>. An edge that receives an
/// in-dialog request for a Call-ID it has never seen asks here. Entries are written by the call grain when a leg
/// starts and cleared when the call ends.
/// </summary>
[Alias("Switchboard.ILegIndexGrain")]
public interface ILegIndexGrain : IGrainWithStringKey
{
    /// <summary>The call id, or null when the leg is unknown or its call has ended.</summary>
    [Alias("Lookup"), Orleans.Concurrency.ReadOnly]
    Task<string?> Lookup();

    /// <summary>Points the leg at a call (idempotent; the first call to claim a Call-ID keeps it).</summary>
    [Alias("Assign")]
    Task<bool> Assign(string callId);

    /// <summary>Forgets the leg if it still points at <paramref name="callId"/>.</summary>
    [Alias("Release"), Orleans.Concurrency.OneWay]
    Task Release(string callId);
}
