using Switchboard.Grains.Accounts;

namespace Switchboard.Grains.Calls;

/// <summary>
/// A call running on this silo, as the lease renewer sees it: whom to renew with, its list line, and the edges that
/// hold its legs (a lost edge ends the call).
/// </summary>
public sealed record LiveCall(string AccountId, CallLease Lease, ActiveCall Line, IReadOnlyList<string> Edges);
