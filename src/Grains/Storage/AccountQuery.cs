namespace Switchboard.Grains.Storage;

/// <summary>
/// Lists accounts newest first. <see cref="TenantId"/> scopes to one tenant (what a tenant's API key must always
/// set); null lists every tenant (operator only).
/// </summary>
public sealed record AccountQuery(string? TenantId, int Limit = 100, int Offset = 0);
