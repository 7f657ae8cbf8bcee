using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// /api/v1/tenants/{tenantId}/outbound-block: an operator stops a tenant's outbound calls (suspected toll fraud,
/// unpaid bills). Unlike <c>outboundAllowed</c> in the policies, which the tenant's admin may set, only an operator
/// sets or lifts the block; lifting it restores the tenant's own choice.
/// </summary>
public static class OutboundBlockEndpoints
{
    public static RouteGroupBuilder MapOutboundBlockEndpoints(this RouteGroupBuilder api)
    {
        var block = api.MapGroup("/tenants/{tenantId}/outbound-block").WithTags("Tenants").RequireAuthorization(ApiPolicies.Operator);
        block.MapPut("", Put).Accepts<OutboundBlockRequest>("application/json")
            .Produces<TenantView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        block.MapDelete("", Delete).Produces<TenantView>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Put(HttpContext context, string tenantId, IGrainFactory grains, TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadAsync<OutboundBlockRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = body!.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        return missing ?? GrainErrors.Map(
            await grains.Grain<ITenantGrain>(tenantId).SetOutboundBlock(new OutboundBlock(body.Reason!.Trim(), clock.GetUtcNow())),
            tenant => TypedResults.Ok(TenantView.From(tenant, ApiCaller.From(context.User))));
    }

    private static async Task<IResult> Delete(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        return missing ?? GrainErrors.Map(
            await grains.Grain<ITenantGrain>(tenantId).SetOutboundBlock(null),
            tenant => TypedResults.Ok(TenantView.From(tenant, ApiCaller.From(context.User))));
    }
}
