using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage;

/// <summary>
/// What one account hands the store in one round trip: leases of newly answered calls, renewals of live ones,
/// and rated CDRs to settle (each settlement also drops its lease).
/// </summary>
public sealed class JournalBatch
{
    public List<CallLease> Answered { get; } = [];

    public List<string> Renewed { get; } = [];

    public List<CallDetailRecord> Settlements { get; } = [];

    public DateTimeOffset RenewedAt { get; set; }

    public bool IsEmpty => Answered.Count == 0 && Renewed.Count == 0 && Settlements.Count == 0;
}
