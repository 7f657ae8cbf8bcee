namespace Switchboard.Silo.Api.Keys;

/// <summary>
/// A key as stored: never the key itself, only its SHA-256 (<see cref="Hash"/>) and the first characters
/// (<see cref="Prefix"/>) so an operator can tell keys apart in a list.
/// </summary>
public sealed record ApiKey(
    string KeyId,
    string Name,
    ApiKeyRole Role,
    string? TenantId,
    string Hash,
    string Prefix,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
