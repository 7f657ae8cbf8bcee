using Switchboard.Grains.Fraud;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Fraud;

/// <summary>GET /api/v1/fraud-alerts: breaches and account locks, newest first, by tenant, account and time.</summary>
public static class FraudAlertEndpoints
{
    public static RouteGroupBuilder MapFraudAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/fraud-alerts", List).WithTags("Fraud").Produces<Page<FraudAlert>>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> List(HttpContext context, IFraudAlertStore store, string? tenantId, string? accountId,
        string? since, string? limit, string? offset)
    {
        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        var from = QueryTime.Read(errors, "since", since);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        if (!TenantScope.TryResolve(ApiCaller.From(context.User), tenantId, out var scope, out var problem))
        {
            return problem!;
        }

        var alerts = await store.ListAsync(new FraudAlertQuery(scope, accountId, from, paging.Limit, paging.Offset), context.RequestAborted);
        return TypedResults.Ok(paging.PageOf(alerts));
    }
}
