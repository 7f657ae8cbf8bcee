using Switchboard.Grains.Accounts;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;
using Switchboard.Grains.TopUps;
using Switchboard.Silo.Api.Accounts;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.TopUps;

/// <summary>
/// Crypto top-ups: operators (or the payment watcher with an operator key) report deposits; keys list the top-ups
/// of the tenants they see. A transaction hash already used for another account or amount is a 409.
/// </summary>
public static class TopUpEndpoints
{
    public static RouteGroupBuilder MapTopUpEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accounts/{accountId}/topups", Report).WithTags("Top-ups").RequireAuthorization(ApiPolicies.Operator)
            .Accepts<ReportDepositRequest>("application/json").Produces<TopUpResult>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/topups", List).WithTags("Top-ups").Produces<Page<TopUp>>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> Report(HttpContext context, string accountId, IGrainFactory grains, IAccountStore store, CoinCatalog coins)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReportDepositRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        if (await AccountEndpoints.FindVisibleAsync(ApiCaller.From(context.User), accountId, store, context.RequestAborted) is null)
        {
            return ApiProblems.NotFound($"Account '{accountId}'");
        }

        var errors = body!.Validate();
        if (errors.IsEmpty && !coins.TryValidate(body.ToDeposit(), out _, out _, out var reason))
        {
            // The catalogue's own check (known coin, hash format for that chain), reported before the grain sees it.
            errors.Add(FieldOf(reason), reason);
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        AuditFilter.Touch(context, $"{accountId}/topups/{body.Coin!.Trim().ToUpperInvariant()}:{body.TxHash!.Trim().ToLowerInvariant()}");
        var result = await grains.Grain<IAccountGrain>(accountId).ReportDeposit(body.ToDeposit());
        return result.Status == TopUpStatus.Rejected ? ApiProblems.Conflict(result.Reason) : TypedResults.Ok(result);
    }

    private static async Task<IResult> List(HttpContext context, ITopUpStore store, string? tenantId, string? accountId, string? status, string? limit, string? offset)
    {
        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        TopUpStatus? parsed = null;
        if (status is not null)
        {
            parsed = status switch
            {
                "pending" => TopUpStatus.Pending,
                "credited" => TopUpStatus.Credited,
                _ => null,
            };
            if (parsed is null)
            {
                errors.Add("status", "must be 'pending' or 'credited'.");
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        if (!TenantScope.TryResolve(ApiCaller.From(context.User), tenantId, out var scope, out var problem))
        {
            return problem!;
        }

        var items = await store.ListAsync(new TopUpQuery(scope, accountId, parsed, paging.Limit, paging.Offset), context.RequestAborted);
        return TypedResults.Ok(paging.PageOf(items));
    }

    private static string FieldOf(string reason) => reason switch
    {
        _ when reason.StartsWith("Unknown coin", StringComparison.Ordinal) => "coin",
        _ when reason.Contains("hash", StringComparison.Ordinal) => "txHash",
        _ when reason.StartsWith("Amount", StringComparison.Ordinal) => "amount",
        _ when reason.StartsWith("EUR", StringComparison.Ordinal) => "eurRate",
        _ => "confirmations",
    };
}
