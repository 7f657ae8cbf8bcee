using Switchboard.Grains.Billing;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Accounts;

/// <summary>GET /api/v1/accounts/{accountId}/ledger: every balance movement, newest first, optionally in [from, to).</summary>
public static class LedgerEndpoints
{
    public static RouteGroupBuilder MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/accounts/{accountId}/ledger", List).WithTags("Accounts")
            .Produces<Page<LedgerEntry>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> List(HttpContext context, string accountId, IAccountStore store,
        string? from, string? to, string? limit, string? offset)
    {
        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        var (start, end) = TimeRange.Read(errors, from, to);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var caller = ApiCaller.From(context.User);
        if (await AccountEndpoints.FindVisibleAsync(caller, accountId, store, context.RequestAborted) is null)
        {
            return ApiProblems.NotFound($"Account '{accountId}'");
        }

        var entries = await store.GetLedgerAsync(new LedgerQuery(accountId, caller.TenantId, start, end, paging.Limit, paging.Offset), context.RequestAborted);
        return TypedResults.Ok(paging.PageOf(entries));
    }
}
