using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// /api/v1/tenants/{tenantId}/trunks: carrier gateways. Operators add, change and remove them (a trunk decides
/// where calls go and what they cost); keys that see the tenant list them, without passwords.
/// </summary>
public static class TrunkEndpoints
{
    public static RouteGroupBuilder MapTrunkEndpoints(this RouteGroupBuilder api)
    {
        var trunks = api.MapGroup("/tenants/{tenantId}/trunks").WithTags("Trunks");
        trunks.MapGet("", List).Produces<IReadOnlyList<TrunkView>>().ProducesProblem(StatusCodes.Status404NotFound);
        trunks.MapPut("/{trunkId}", Put).RequireAuthorization(ApiPolicies.Operator).Accepts<TrunkRequest>("application/json")
            .Produces<TrunkView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        trunks.MapDelete("/{trunkId}", Remove).RequireAuthorization(ApiPolicies.Operator)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> List(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (tenant, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: false);
        return problem ?? TypedResults.Ok(tenant!.Trunks.Select(t => TrunkView.From(t, ApiCaller.From(context.User))).ToList());
    }

    private static async Task<IResult> Put(HttpContext context, string tenantId, string trunkId, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<TrunkRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (missing is not null)
        {
            return missing;
        }

        var errors = new FieldErrors();
        var (trunk, credentials) = body!.Validate(errors, trunkId);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        return GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).PutTrunk(trunk!, credentials),
            snapshot => TypedResults.Ok(TrunkView.From(snapshot.Trunks.Single(t => t.TrunkId == trunkId), ApiCaller.From(context.User))));
    }

    private static async Task<IResult> Remove(HttpContext context, string tenantId, string trunkId, IGrainFactory grains)
    {
        var (tenant, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (missing is not null)
        {
            return missing;
        }

        if (tenant!.Trunks.All(t => t.TrunkId != trunkId))
        {
            return ApiProblems.NotFound($"Trunk '{trunkId}' of tenant '{tenantId}'");
        }

        return GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).RemoveTrunk(trunkId), _ => TypedResults.NoContent());
    }
}
