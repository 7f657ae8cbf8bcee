namespace Switchboard.Grains.Accounts;

using Switchboard.Grains.Billing;

/// <summary>
/// A live call's claim on its account: the credit it holds and, in <see cref="Cdr"/>, the record the account writes
/// if the call grain is lost (its silo died) and the lease runs out. Call grains renew leases in batches
/// (<see cref="IAccountGrain.RenewLeases"/>); an account that lost its own memory re-creates a reservation from
/// the lease it is shown. <see cref="Cdr"/> carries no end time: the end of a lost call is its last renewal.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallLease")]
public sealed record CallLease(
    [property: Id(0)] CallDetailRecord Cdr,
    [property: Id(1)] AppliedRate? Rate,
    [property: Id(2)] int ReservedSeconds,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] DateTimeOffset AuthorizedAt)
{
    public string CallId => Cdr.CallId;
}
