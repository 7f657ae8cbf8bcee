using System.Security.Claims;
using Switchboard.Silo.Api.Keys;

namespace Switchboard.Silo.Api.Security;

/// <summary>
/// The authenticated key behind a request. <see cref="TenantId"/> null means the key sees every tenant
/// (operators, and read-only keys not bound to a tenant).
/// </summary>
public sealed record ApiCaller(string KeyId, string Name, ApiKeyRole Role, string? TenantId)
{
    public bool IsOperator => Role == ApiKeyRole.Operator;

    /// <summary>May this key read anything of <paramref name="tenantId"/>?</summary>
    public bool CanRead(string tenantId) => TenantId is null || TenantId == tenantId;

    /// <summary>May this key change PBX resources of <paramref name="tenantId"/>? Read-only keys never write.</summary>
    public bool CanWrite(string tenantId) =>
        Role == ApiKeyRole.Operator || (Role == ApiKeyRole.TenantAdmin && TenantId == tenantId);

    public static ApiCaller From(ClaimsPrincipal user)
    {
        var keyId = user.FindFirstValue(ApiKeyClaims.KeyId)
            ?? throw new InvalidOperationException("Admin API endpoint reached without an authenticated API key");
        ApiKeyRoles.TryParse(user.FindFirstValue(ApiKeyClaims.Role), out var role);
        return new ApiCaller(keyId, user.FindFirstValue(ApiKeyClaims.Name) ?? keyId, role, user.FindFirstValue(ApiKeyClaims.TenantId));
    }
}
