using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Accounts;

/// <summary>
/// Credit held for one live call: the call may reach <see cref="ReservedSeconds"/> of answered time, which costs
/// <see cref="Amount"/>. Plain settable properties because it is persisted as grain state (System.Text.Json).
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

    /// <summary>Last authorisation or extension: a reservation untouched for long belongs to a call that vanished.</summary>
    public DateTimeOffset TouchedAt { get; set; }
}
