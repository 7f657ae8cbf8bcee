using Switchboard.Grains.Accounts;

namespace Switchboard.Grains.Storage;

/// <summary>A journalled lease and the last time its call was known to be up.</summary>
public sealed record StoredLease(CallLease Lease, DateTimeOffset RenewedAt);
