using Switchboard.Grains.Accounts;

namespace Switchboard.Grains.Calls;

/// <summary>A call running on this silo, as the lease renewer sees it: whom to renew with, and its list line.</summary>
public sealed record LiveCall(string AccountId, CallLease Lease, ActiveCall Line);
