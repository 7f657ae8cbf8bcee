using Switchboard.Grains.Extensions;
using Switchboard.Grains.Retention;
using Switchboard.Grains.Runtime;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Api.Tenants;

namespace Switchboard.Silo.Api.Extensions;

/// <summary>
/// POST /api/v1/tenants/{tenantId}/extensions/{number}/erase (operators): one subscriber's right to erasure when
/// the paying account stays (it pays for other lines): the extension with its credentials, settings and bindings
/// is removed, its number truncated in the tenant's CDRs and fraud alerts and its registration history deleted.
/// PostgreSQL mode only.
/// </summary>
public static class ExtensionErasureEndpoints
{
    public static RouteGroupBuilder MapExtensionErasureEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/tenants/{tenantId}/extensions/{number}/erase", Erase).WithTags("Privacy").RequireAuthorization(ApiPolicies.Operator)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Erase(HttpContext context, string tenantId, string number, IGrainFactory grains)
    {
        if (context.RequestServices.GetService<RetentionPurge>() is not { } purge)
        {
            return ApiProblems.Conflict("Erasure works on PostgreSQL; the in-memory mode keeps no data past the process's life.");
        }

        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (problem is not null)
        {
            return problem;
        }

        var extension = grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number));
        if (await extension.GetSnapshot() is null)
        {
            return ApiProblems.NotFound($"Extension '{number}' of tenant '{tenantId}'");
        }

        // The records first: a failure after them leaves the extension to delete again, never records unerased.
        await purge.EraseExtensionAsync(tenantId, number, context.RequestAborted);
        await extension.Deprovision();
        return TypedResults.NoContent();
    }
}
