using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Storage;

/// <summary>Top-ups, newest first. <see cref="TenantId"/> scopes to one tenant; null lists all (operator only).</summary>
public sealed record TopUpQuery(
    string? TenantId,
    string? AccountId = null,
    TopUpStatus? Status = null,
    int Limit = 100,
    int Offset = 0);
