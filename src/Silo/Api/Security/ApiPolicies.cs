using Switchboard.Silo.Api.Keys;

namespace Switchboard.Silo.Api.Security;

/// <summary>
/// Role gates applied per endpoint. Tenant scope is not a policy: it depends on the resource, so handlers check
/// it with <see cref="ApiCaller.CanRead"/> and <see cref="ApiCaller.CanWrite"/>.
/// </summary>
public static class ApiPolicies
{
    /// <summary>Any valid key but a compliance key, which reaches the disclosure endpoints only.</summary>
    public const string Reader = "sb-reader";

    /// <summary>Compliance officers: lawful disclosure of traffic data.</summary>
    public const string Compliance = "sb-compliance";

    /// <summary>Operators and tenant admins.</summary>
    public const string Writer = "sb-writer";

    /// <summary>Operators only: keys, money, rate plans, trunks.</summary>
    public const string Operator = "sb-operator";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Reader, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireClaim(ApiKeyClaims.Role, ApiKeyRoles.Operator, ApiKeyRoles.TenantAdmin, ApiKeyRoles.ReadOnly));
        options.AddPolicy(Compliance, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireClaim(ApiKeyClaims.Role, ApiKeyRoles.Compliance));
        options.AddPolicy(Writer, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireClaim(ApiKeyClaims.Role, ApiKeyRoles.Operator, ApiKeyRoles.TenantAdmin));
        options.AddPolicy(Operator, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireClaim(ApiKeyClaims.Role, ApiKeyRoles.Operator));
    }
}
