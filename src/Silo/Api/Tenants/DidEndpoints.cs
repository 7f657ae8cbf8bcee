using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// /api/v1/tenants/{tenantId}/dids: inbound numbers. Operators assign them (a number claimed by another tenant is
/// a 409: numbers are bought by the operator, so a tenant admin may not claim one); keys that see the tenant list them.
/// </summary>
public static class DidEndpoints
{
    public static RouteGroupBuilder MapDidEndpoints(this RouteGroupBuilder api)
    {
        var dids = api.MapGroup("/tenants/{tenantId}/dids").WithTags("DIDs");
        dids.MapGet("", List).Produces<IReadOnlyList<Did>>().ProducesProblem(StatusCodes.Status404NotFound);
        dids.MapPut("/{number}", Put).RequireAuthorization(ApiPolicies.Operator).Accepts<DidRequest>("application/json")
            .Produces<Did>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        dids.MapDelete("/{number}", Remove).RequireAuthorization(ApiPolicies.Operator)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> List(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (tenant, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: false);
        return problem ?? TypedResults.Ok(tenant!.Dids);
    }

    private static async Task<IResult> Put(HttpContext context, string tenantId, string number, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<DidRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (missing is not null)
        {
            return missing;
        }

        var errors = body!.Validate(number);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var did = new Did(number, body.Extension!);
        return GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).PutDid(did), _ => TypedResults.Ok(did));
    }

    private static async Task<IResult> Remove(HttpContext context, string tenantId, string number, IGrainFactory grains)
    {
        var (tenant, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (missing is not null)
        {
            return missing;
        }

        if (tenant!.Dids.All(d => d.Number != number))
        {
            return ApiProblems.NotFound($"DID '{number}' of tenant '{tenantId}'");
        }

        return GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).RemoveDid(number), _ => TypedResults.NoContent());
    }
}
