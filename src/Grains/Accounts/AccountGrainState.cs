namespace Switchboard.Grains.Accounts;

/// <summary>
/// What the account grain persists as Orleans state (state name <c>accountbilling</c>): live reservations and the
/// fraud windows. Not the balance: that lives in the accounts table, moved only with ledger rows. Persisting
/// reservations means a failover keeps them; the storage ETag means a brief duplicate activation cannot commit
/// reservations against a stale view without failing.
/// </summary>
public sealed class AccountGrainState
{
    public Dictionary<string, CallReservation> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Start times of calls authorised in the last minute (calls-per-minute window).</summary>
    public List<DateTimeOffset> CallStarts { get; set; } = [];

    /// <summary>Times of fraud breaches within the lock window.</summary>
    public List<DateTimeOffset> Breaches { get; set; } = [];
}
