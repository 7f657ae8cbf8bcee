using Switchboard.Grains.Accounts;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Accounts;

/// <summary>
/// /api/v1/accounts: operators open accounts, change their plan and limits and credit them (lock and unlock are in
/// <see cref="AccountStatusEndpoints"/>); every key reads the accounts of the tenants it may see. Figures come from
/// the account grain (its balance is the stored one); the row only says whether the account exists and whose it is.
/// </summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapPost("", Open).RequireAuthorization(ApiPolicies.Operator).Accepts<OpenAccountRequest>("application/json")
            .Produces<AccountView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapGet("", List).Produces<Page<AccountView>>().ProducesValidationProblem();
        accounts.MapGet("/{accountId}", Get).Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPut("/{accountId}", Update).RequireAuthorization(ApiPolicies.Operator).Accepts<UpdateAccountRequest>("application/json")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/{accountId}/credits", Credit).RequireAuthorization(ApiPolicies.Operator).Accepts<CreditRequest>("application/json")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The account row when it exists and the caller may see its tenant; otherwise null (a 404 either way,
    /// so a tenant key cannot probe other tenants' account ids).</summary>
    internal static async Task<AccountRecord?> FindVisibleAsync(ApiCaller caller, string accountId, IAccountStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(accountId, cancellationToken) is { } record && caller.CanRead(record.TenantId) ? record : null;

    private static async Task<IResult> Open(HttpContext context, IGrainFactory grains, IAccountStore store, IRatePlanStore plans)
    {
        var (body, problem) = await JsonBody.ReadAsync<OpenAccountRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = body!.Validate();
        var limits = (body.FraudLimits ?? new FraudLimitsRequest(null, null, null, null, null, null, null, null)).ToLimits(errors, "fraudLimits");
        if (errors.IsEmpty)
        {
            await CheckReferencesAsync(errors, grains, plans, body.TenantId!, body.RatePlanId!, context.RequestAborted);
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        AuditFilter.Touch(context, body.AccountId!);
        var grain = grains.Grain<IAccountGrain>(body.AccountId!);

        // The request is fully validated above, so the grain's own checks cannot fail here: anything it throws is a
        // bug or an outage, a 500. Insert-only: a check-then-open let two concurrent POSTs both succeed.
        var snapshot = await grain.OpenNew(new AccountSettings(body.TenantId!, body.RatePlanId!, body.CreditLimit ?? 0m, limits));
        if (snapshot is null)
        {
            return ApiProblems.Conflict($"Account '{body.AccountId}' already exists; change it with PUT /api/v1/accounts/{body.AccountId}.");
        }

        var record = await store.GetAsync(body.AccountId!, context.RequestAborted);
        return TypedResults.Created($"/api/v1/accounts/{body.AccountId}", AccountView.From(snapshot, record!));
    }

    private static async Task<IResult> List(HttpContext context, IGrainFactory grains, IAccountStore store, string? tenantId, string? limit, string? offset)
    {
        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        if (!TenantScope.TryResolve(ApiCaller.From(context.User), tenantId, out var scope, out var problem))
        {
            return problem!;
        }

        // The row gives the page of ids (an indexed, bounded query); the balances come from the grains.
        var records = await store.ListAsync(new AccountQuery(scope, paging.Limit, paging.Offset), context.RequestAborted);
        var views = await Task.WhenAll(records.Select(async r =>
            AccountView.From(await grains.Grain<IAccountGrain>(r.AccountId).GetSnapshot(), r)));
        return TypedResults.Ok(paging.PageOf<AccountView>(views));
    }

    private static async Task<IResult> Get(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store)
    {
        var record = await FindVisibleAsync(ApiCaller.From(context.User), accountId, store, context.RequestAborted);
        return record is null
            ? ApiProblems.NotFound($"Account '{accountId}'")
            : TypedResults.Ok(AccountView.From(await grains.Grain<IAccountGrain>(accountId).GetSnapshot(), record));
    }

    private static async Task<IResult> Update(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store, IRatePlanStore plans)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateAccountRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var record = await FindVisibleAsync(ApiCaller.From(context.User), accountId, store, context.RequestAborted);
        if (record is null)
        {
            return ApiProblems.NotFound($"Account '{accountId}'");
        }

        var errors = body!.Validate();
        var limits = body.FraudLimits?.ToLimits(errors, "fraudLimits") ?? record.FraudLimits;
        if (errors.IsEmpty && await plans.GetVersionAsync(body.RatePlanId!, context.RequestAborted) is null)
        {
            errors.Add("ratePlanId", $"rate plan '{body.RatePlanId}' does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var snapshot = await grains.Grain<IAccountGrain>(accountId)
            .Open(new AccountSettings(record.TenantId, body.RatePlanId!, body.CreditLimit ?? record.CreditLimit, limits));
        return TypedResults.Ok(AccountView.From(snapshot, (await store.GetAsync(accountId, context.RequestAborted))!));
    }

    private static async Task<IResult> Credit(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreditRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var record = await FindVisibleAsync(ApiCaller.From(context.User), accountId, store, context.RequestAborted);
        if (record is null)
        {
            return ApiProblems.NotFound($"Account '{accountId}'");
        }

        var errors = body!.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        AuditFilter.Touch(context, $"{accountId}/credits/{body.Reference}");
        var snapshot = await grains.Grain<IAccountGrain>(accountId)
            .Credit(new AccountCredit(body.Reference!.Trim(), body.Amount!.Value, body.Description ?? ""));
        return TypedResults.Ok(AccountView.From(snapshot, record));
    }

    private static async Task CheckReferencesAsync(FieldErrors errors, IGrainFactory grains, IRatePlanStore plans, string tenantId, string ratePlanId, CancellationToken cancellationToken)
    {
        if (await grains.Grain<ITenantGrain>(tenantId).GetSnapshot() is null)
        {
            errors.Add("tenantId", $"tenant '{tenantId}' does not exist.");
        }

        if (await plans.GetVersionAsync(ratePlanId, cancellationToken) is null)
        {
            errors.Add("ratePlanId", $"rate plan '{ratePlanId}' does not exist.");
        }
    }
}
