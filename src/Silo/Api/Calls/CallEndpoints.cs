using Switchboard.Grains.Calls;
using Switchboard.Grains.Runtime;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Api.Tenants;

namespace Switchboard.Silo.Api.Calls;

/// <summary>
/// Live calls. The list comes from the tenant's active-calls grain (kept up to date by the call grains), so a
/// dashboard polling it reads memory, not tables. Operators and the tenant's admins hang calls up.
/// </summary>
public static class CallEndpoints
{
    public static RouteGroupBuilder MapCallEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{tenantId}/calls", List).WithTags("Calls")
            .Produces<IReadOnlyList<ActiveCall>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/calls/{callId}", Get).WithTags("Calls").Produces<CallSnapshot>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/calls/{callId}/hangup", HangUp).WithTags("Calls").RequireAuthorization(ApiPolicies.Writer)
            .Accepts<HangUpRequest>("application/json").Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> List(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: false);
        return problem ?? TypedResults.Ok(await grains.Grain<IActiveCallsGrain>(tenantId).List());
    }

    private static async Task<IResult> Get(HttpContext context, string callId, IGrainFactory grains)
    {
        var call = await FindVisibleAsync(ApiCaller.From(context.User), callId, grains, write: false);
        return call is null ? ApiProblems.NotFound($"Call '{callId}'") : TypedResults.Ok(call);
    }

    private static async Task<IResult> HangUp(HttpContext context, string callId, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<HangUpRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = body!.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        if (await FindVisibleAsync(ApiCaller.From(context.User), callId, grains, write: true) is null)
        {
            return ApiProblems.NotFound($"Call '{callId}'");
        }

        var reason = string.IsNullOrWhiteSpace(body.Reason) ? "hung up by an operator" : body.Reason.Trim();
        return await grains.Grain<ICallGrain>(callId).HangUp(reason)
            ? TypedResults.Accepted($"/api/v1/calls/{callId}")
            : ApiProblems.Conflict($"Call '{callId}' is already over.");
    }

    /// <summary>
    /// The call when it exists and the caller may see (or change) its tenant. Only <c>call-</c> keys are asked:
    /// any other string would activate a grain for nothing. Another tenant's call is a 404, as if it did not exist.
    /// </summary>
    private static async Task<CallSnapshot?> FindVisibleAsync(ApiCaller caller, string callId, IGrainFactory grains, bool write)
    {
        if (!callId.StartsWith("call-", StringComparison.Ordinal) || callId.Length > 64)
        {
            return null;
        }

        var call = await grains.Grain<ICallGrain>(callId).GetSnapshot();
        return call is not null && (write ? caller.CanWrite(call.TenantId) : caller.CanRead(call.TenantId)) ? call : null;
    }
}
