namespace Switchboard.Grains.Storage;

/// <summary>
/// An account's balance history, newest first, optionally within [<see cref="From"/>, <see cref="To"/>).
/// With <see cref="TenantId"/> set, an account of another tenant yields nothing.
/// </summary>
public sealed record LedgerQuery(
    string AccountId,
    string? TenantId,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 100,
    int Offset = 0);
