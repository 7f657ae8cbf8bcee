namespace Switchboard.Silo.Api.Keys;

/// <summary>A key as listed: who and what, never the key or its hash.</summary>
public sealed record ApiKeyView(
    string KeyId,
    string Name,
    string Role,
    string? TenantId,
    string Prefix,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt)
{
    public static ApiKeyView From(ApiKey key) =>
        new(key.KeyId, key.Name, ApiKeyRoles.ToText(key.Role), key.TenantId, key.Prefix, key.CreatedAt, key.CreatedBy, key.RevokedAt);
}
