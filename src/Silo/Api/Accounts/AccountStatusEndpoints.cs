using Switchboard.Grains.Accounts;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Accounts;

/// <summary>
/// POST /api/v1/accounts/{accountId}/lock, /unlock and /cancel (operators): a locked account authorises no call;
/// unlocking also clears its fraud breach count (the account grain's rule). Cancelling is final: no call, the lines
/// it pays for disabled, and the purge anonymises its records <c>Retention:CancelledAccountDays</c> later
/// (docs/privacy.md); locking or unlocking a cancelled account is 409.
/// </summary>
public static class AccountStatusEndpoints
{
    public static RouteGroupBuilder MapAccountStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accounts/{accountId}/lock", Lock).WithTags("Accounts").RequireAuthorization(ApiPolicies.Operator)
            .Accepts<StatusChangeRequest>("application/json").Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/accounts/{accountId}/unlock", Unlock).WithTags("Accounts").RequireAuthorization(ApiPolicies.Operator)
            .Accepts<StatusChangeRequest>("application/json").Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/accounts/{accountId}/cancel", Cancel).WithTags("Accounts").RequireAuthorization(ApiPolicies.Operator)
            .Accepts<StatusChangeRequest>("application/json").Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<IResult> Lock(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store) =>
        SetStatus(context, accountId, AccountStatus.Locked, grains, store);

    private static Task<IResult> Unlock(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store) =>
        SetStatus(context, accountId, AccountStatus.Active, grains, store);

    private static Task<IResult> Cancel(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store) =>
        SetStatus(context, accountId, AccountStatus.Cancelled, grains, store);

    private static async Task<IResult> SetStatus(HttpContext context, string accountId, AccountStatus status, IGrainFactory grains, IAccountStore store)
    {
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

        if (account.Status == AccountStatus.Cancelled && status != AccountStatus.Cancelled)
        {
            return ApiProblems.Conflict($"Account '{accountId}' is cancelled; cancellation is final.");
        }

        var snapshot = await grains.Grain<IAccountGrain>(accountId).SetStatus(status, body.Reason!.Trim());
        if (status == AccountStatus.Cancelled)
        {
            // Repeated on a repeated cancel, so a cancel that failed half-way is finished by its retry.
            await SubscriberLines.DisableAsync(grains, account.TenantId, accountId);
        }

        return TypedResults.Ok(AccountView.From(snapshot, (await store.GetAsync(accountId, context.RequestAborted))!));
    }
}
