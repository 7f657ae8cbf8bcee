using Switchboard.Grains.Accounts;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Retention;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Accounts;

/// <summary>
/// POST /api/v1/accounts/{accountId}/erase (operators): the subscriber's right to erasure. Cancels the account if
/// it is not yet (calls refused, its lines disabled), removes the extensions it pays for (credentials, settings,
/// bindings) with their registration history and anonymises its records at once instead of after the grace period,
/// keeping what billing law requires in anonymised form (docs/privacy.md). PostgreSQL mode only; a request that
/// failed part-way is finished by repeating it.
/// </summary>
public static class AccountErasureEndpoints
{
    public static RouteGroupBuilder MapAccountErasureEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accounts/{accountId}/erase", Erase).WithTags("Privacy").RequireAuthorization(ApiPolicies.Operator)
            .Accepts<StatusChangeRequest>("application/json").Produces<AccountView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Erase(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store)
    {
        if (context.RequestServices.GetService<RetentionPurge>() is not { } purge)
        {
            return ApiProblems.Conflict("Erasure works on PostgreSQL; the in-memory mode keeps no data past the process's life.");
        }

        var (body, problem) = await JsonBody.ReadAsync<StatusChangeRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        if (await AccountEndpoints.FindVisibleAsync(ApiCaller.From(context.User), accountId, store, context.RequestAborted) is not { } account)
        {
            return ApiProblems.NotFound($"Account '{accountId}'");
        }

        var errors = body!.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var snapshot = await grains.Grain<IAccountGrain>(accountId).SetStatus(AccountStatus.Cancelled, "erased: " + body.Reason!.Trim());
        await SubscriberLines.DisableAsync(grains, account.TenantId, accountId);
        await purge.EraseAsync(accountId, account.TenantId, context.RequestAborted);
        return TypedResults.Ok(AccountView.From(snapshot, (await store.GetAsync(accountId, context.RequestAborted))!));
    }
}
