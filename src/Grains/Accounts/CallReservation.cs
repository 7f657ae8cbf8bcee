using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Accounts;

/// <summary>
/// Credit held for one live call: the call may reach <see cref="ReservedSeconds"/> of answered time, which costs
/// <see cref="Amount"/>. Held in the account grain's memory only; what outlives a silo is the call's
/// <see cref="Lease"/>, journalled once the call is answered.
/// </summary>
public sealed class CallReservation
{
    public string CallId { get; set; } = "";

    public string Destination { get; set; } = "";

    public CallDirection Direction { get; set; }

    /// <summary>Null for calls that are not rated (on-net, inbound): they hold no money, only a concurrency slot.</summary>
    public AppliedRate? Rate { get; set; }

    public decimal Amount { get; set; }

    public int ReservedSeconds { get; set; }

    public DateTimeOffset AuthorizedAt { get; set; }

    /// <summary>Last authorisation, extension or lease renewal: the last moment the call was known to be up.</summary>
    public DateTimeOffset TouchedAt { get; set; }

    /// <summary>The call's own description of itself, from its first renewal on: what a lost call is billed from.</summary>
    public CallLease? Lease { get; set; }

    public static CallReservation From(CallLease lease, DateTimeOffset touchedAt) => new()
    {
        CallId = lease.CallId,
        Destination = lease.Cdr.Callee,
        Direction = lease.Cdr.Direction,
        Rate = lease.Rate,
        Amount = lease.Amount,
        ReservedSeconds = lease.ReservedSeconds,
        AuthorizedAt = lease.AuthorizedAt,
        TouchedAt = touchedAt,
        Lease = lease,
    };
}
