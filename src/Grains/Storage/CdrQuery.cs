namespace Switchboard.Grains.Storage;

/// <summary>
/// CDR search, newest start first. Every filter is optional and they combine with AND. <see cref="Number"/> matches
/// caller or callee by prefix. <see cref="TenantId"/> scopes to one tenant; null searches all (operator only).
/// Time range is on the call's start, [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record CdrQuery(
    string? TenantId,
    string? AccountId = null,
    string? Number = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 100,
    int Offset = 0);
