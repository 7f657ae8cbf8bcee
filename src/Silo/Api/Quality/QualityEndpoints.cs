using Switchboard.Grains.Quality;
using Switchboard.Grains.Runtime;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Quality;

/// <summary>
/// GET /api/v1/quality/{trunks|tenants|countries}: ASR, ACD, PDD, NER and failures by SIP status over 5 min, 1 h
/// and 24 h, read from the quality grains (never from the CDR table). A key bound to a tenant sees its own tenant
/// and trunks; destination countries aggregate every tenant's calls and are for operators.
/// </summary>
public static class QualityEndpoints
{
    public static RouteGroupBuilder MapQualityEndpoints(this RouteGroupBuilder api)
    {
        var quality = api.MapGroup("/quality").WithTags("Quality");
        quality.MapGet("/trunks", (HttpContext context, IGrainFactory grains, string? tenantId) => List(context, grains, QualityScopes.Trunk, tenantId))
            .Produces<IReadOnlyList<QualityReport>>();
        quality.MapGet("/tenants", (HttpContext context, IGrainFactory grains, string? tenantId) => List(context, grains, QualityScopes.Tenant, tenantId))
            .Produces<IReadOnlyList<QualityReport>>();
        quality.MapGet("/countries", (HttpContext context, IGrainFactory grains) => List(context, grains, QualityScopes.Country, null))
            .RequireAuthorization(ApiPolicies.Operator).Produces<IReadOnlyList<QualityReport>>();
        return api;
    }

    private static async Task<IResult> List(HttpContext context, IGrainFactory grains, string kind, string? tenantId)
    {
        var caller = ApiCaller.From(context.User);
        if (tenantId is not null && !caller.CanRead(tenantId))
        {
            return ApiProblems.Forbidden($"This key is limited to tenant '{caller.TenantId}'.");
        }

        // Scopes are "trunk/<tenant>/<trunk>" and "tenant/<tenant>": the tenant is the second segment.
        var only = tenantId ?? caller.TenantId;
        var scopes = (await grains.Grain<IQualityIndexGrain>(0).List(kind))
            .Where(s => only is null || s.Split('/')[1] == only);
        var reports = await Task.WhenAll(scopes.Select(s => grains.Grain<IQualityStatsGrain>(s).Report()));
        return TypedResults.Ok(reports);
    }
}
