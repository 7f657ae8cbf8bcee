using Microsoft.Extensions.Options;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// /api/v1/tenants/{tenantId}/fraud-webhook: the tenant's own receiver of fraud locks (operators and its tenant
/// admin). The secret is write-only; <c>GET /tenants/{id}</c> shows <c>fraudWebhookUrl</c>.
/// </summary>
public static class FraudWebhookEndpoints
{
    public static RouteGroupBuilder MapFraudWebhookEndpoints(this RouteGroupBuilder api)
    {
        var webhook = api.MapGroup("/tenants/{tenantId}/fraud-webhook").WithTags("Tenants").RequireAuthorization(ApiPolicies.Writer);
        webhook.MapPut("", Put).Accepts<FraudWebhookRequest>("application/json")
            .Produces<TenantView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        webhook.MapDelete("", Delete).Produces<TenantView>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Put(HttpContext context, string tenantId, IGrainFactory grains, IOptions<FraudWebhookOptions> options)
    {
        var (body, problem) = await JsonBody.ReadAsync<FraudWebhookRequest>(context);
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
        var webhook = body!.Validate(errors, options.Value);
        return webhook is null
            ? ApiProblems.Invalid(errors)
            : GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).SetFraudWebhook(webhook), t => TypedResults.Ok(TenantView.From(t, ApiCaller.From(context.User))));
    }

    private static async Task<IResult> Delete(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        return missing ?? GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).SetFraudWebhook(null), t => TypedResults.Ok(TenantView.From(t, ApiCaller.From(context.User))));
    }
}
