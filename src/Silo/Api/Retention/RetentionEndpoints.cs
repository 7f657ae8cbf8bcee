using Microsoft.Extensions.Options;
using Switchboard.Grains.Retention;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Api.Tenants;

namespace Switchboard.Silo.Api.Retention;

/// <summary>
/// Retention periods (defaults and per-tenant overrides, operators only) and the purge on demand, dry run included.
/// PostgreSQL mode only: the in-memory mode keeps nothing past the process, so these answer 409 there.
/// </summary>
public static class RetentionEndpoints
{
    public static RouteGroupBuilder MapRetentionEndpoints(this RouteGroupBuilder api)
    {
        var retention = api.MapGroup("").WithTags("Retention").RequireAuthorization(ApiPolicies.Operator);
        retention.MapGet("/retention", Defaults).Produces<RetentionView>().ProducesProblem(StatusCodes.Status409Conflict);
        retention.MapPost("/retention/purge", Purge).Produces<PurgeView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        retention.MapGet("/tenants/{tenantId}/retention", Get).Produces<RetentionView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        retention.MapPut("/tenants/{tenantId}/retention", Set).Accepts<RetentionRequest>("application/json").Produces<RetentionView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        retention.MapDelete("/tenants/{tenantId}/retention", Reset).Produces<RetentionView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static IResult Defaults(HttpContext context, IOptions<RetentionOptions> options) =>
        Store(context) is null ? InMemoryMode() : TypedResults.Ok(RetentionView.From(options.Value, new Dictionary<RetentionClass, int>()));

    private static async Task<IResult> Purge(HttpContext context, string? dryRun)
    {
        if (context.RequestServices.GetService<RetentionPurge>() is not { } purge)
        {
            return InMemoryMode();
        }

        if (dryRun is not (null or "true" or "false"))
        {
            return ApiProblems.Invalid("dryRun", "must be true or false.");
        }

        var report = await purge.RunAsync(dryRun == "true", context.RequestAborted);
        return report.Ran ? TypedResults.Ok(PurgeView.From(report)) : ApiProblems.Conflict("Another silo is running the purge; try again when it is done.");
    }

    private static async Task<IResult> Get(HttpContext context, string tenantId, IGrainFactory grains, IOptions<RetentionOptions> options)
    {
        if (Store(context) is not { } store)
        {
            return InMemoryMode();
        }

        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: false);
        return problem ?? TypedResults.Ok(RetentionView.From(options.Value, await store.GetAsync(tenantId, context.RequestAborted)));
    }

    private static async Task<IResult> Set(HttpContext context, string tenantId, IGrainFactory grains, IOptions<RetentionOptions> options)
    {
        if (Store(context) is not { } store)
        {
            return InMemoryMode();
        }

        var (body, invalid) = await JsonBody.ReadAsync<RetentionRequest>(context);
        if (invalid is not null)
        {
            return invalid;
        }

        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var merged = body!.MergeInto(await store.GetAsync(tenantId, context.RequestAborted), errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        await store.SetAsync(tenantId, merged, context.RequestAborted);
        return TypedResults.Ok(RetentionView.From(options.Value, merged));
    }

    private static async Task<IResult> Reset(HttpContext context, string tenantId, IGrainFactory grains, IOptions<RetentionOptions> options)
    {
        if (Store(context) is not { } store)
        {
            return InMemoryMode();
        }

        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (problem is not null)
        {
            return problem;
        }

        var none = new Dictionary<RetentionClass, int>();
        await store.SetAsync(tenantId, none, context.RequestAborted);
        return TypedResults.Ok(RetentionView.From(options.Value, none));
    }

    private static RetentionOverrideStore? Store(HttpContext context) => context.RequestServices.GetService<RetentionOverrideStore>();

    private static IResult InMemoryMode() => ApiProblems.Conflict(
        "Retention applies to PostgreSQL mode; the in-memory mode keeps no data past the process's life.");
}
