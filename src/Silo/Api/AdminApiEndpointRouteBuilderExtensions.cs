using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Keys;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api;

/// <summary>Maps /api/v1 and the OpenAPI document at /openapi/v1.json.</summary>
public static class AdminApiEndpointRouteBuilderExtensions
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        // Every /api/v1 endpoint needs a valid key; endpoints narrow the role further.
        var api = endpoints.MapGroup(Prefix).RequireAuthorization(ApiPolicies.Reader).AddEndpointFilter<AuditFilter>();
        api.MapApiKeyEndpoints()
            .MapAuditEndpoints();
        return endpoints;
    }
}
