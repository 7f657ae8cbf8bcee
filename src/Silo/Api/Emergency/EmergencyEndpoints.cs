using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Api.Tenants;

namespace Switchboard.Silo.Api.Emergency;

/// <summary>
/// /api/v1/tenants/{tenantId}/emergency: how the tenant's emergency calls are placed (docs/call-control.md, emergency
/// calls). The tenant's admin reads it; only an operator sets or resets it, because a number listed here is routed
/// unbilled past every credit and fraud check.
/// </summary>
public static class EmergencyEndpoints
{
    public static RouteGroupBuilder MapEmergencyEndpoints(this RouteGroupBuilder api)
    {
        var emergency = api.MapGroup("/tenants/{tenantId}/emergency").WithTags("Tenants");
        emergency.MapGet("", Get).Produces<EmergencyView>().ProducesProblem(StatusCodes.Status404NotFound);
        emergency.MapPut("", Put).RequireAuthorization(ApiPolicies.Operator).Accepts<EmergencyRequest>("application/json")
            .Produces<EmergencyView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        emergency.MapDelete("", Delete).RequireAuthorization(ApiPolicies.Operator)
            .Produces<EmergencyView>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Get(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (tenant, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: false);
        return problem ?? TypedResults.Ok(EmergencyView.From(tenant!.Emergency));
    }

    private static async Task<IResult> Put(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<EmergencyRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        return missing ?? GrainErrors.Map(
            await grains.Grain<ITenantGrain>(tenantId).SetEmergency(body!.ToPolicy()),
            tenant => TypedResults.Ok(EmergencyView.From(tenant.Emergency)));
    }

    private static async Task<IResult> Delete(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        return missing ?? GrainErrors.Map(
            await grains.Grain<ITenantGrain>(tenantId).SetEmergency(null),
            tenant => TypedResults.Ok(EmergencyView.From(tenant.Emergency)));
    }
}
