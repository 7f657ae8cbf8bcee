using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.RatePlans;

/// <summary>
/// /api/v1/rate-plans: operators upload a whole deck as CSV (all or nothing: a file with bad rows changes
/// nothing and every bad row comes back as a field error keyed <c>line N</c>) and download it again. A key bound to
/// a tenant sees only the retail plans of its tenant's accounts (<see cref="TenantRatePlans"/>); any other plan is a
/// 404 to it, so carrier cost decks and other tenants' prices cannot be probed.
/// </summary>
public static class RatePlanEndpoints
{
    /// <summary>Far above a full international deck (~100k rows of ~80 bytes), far below what would hurt a silo.</summary>
    public const long MaxCsvBytes = 32 * 1024 * 1024;

    public static RouteGroupBuilder MapRatePlanEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/rate-plans").WithTags("Rate plans");
        plans.MapGet("", List).Produces<IReadOnlyList<RatePlanSummary>>();
        plans.MapGet("/{planId}", Get).Produces<RatePlanSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPut("/{planId}", Import).RequireAuthorization(ApiPolicies.Operator).Accepts<string>("text/csv", "text/plain")
            .Produces<RatePlanSummary>().ProducesValidationProblem();
        plans.MapGet("/{planId}/rates", Export).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> List(HttpContext context, IRatePlanStore store, IAccountStore accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantRatePlans.VisibleAsync(ApiCaller.From(context.User), store, accounts, cancellationToken));

    private static async Task<IResult> Get(HttpContext context, string planId, IRatePlanStore store, IAccountStore accounts, CancellationToken cancellationToken) =>
        (await TenantRatePlans.VisibleAsync(ApiCaller.From(context.User), store, accounts, cancellationToken)).FirstOrDefault(p => p.PlanId == planId) is { } plan
            ? TypedResults.Ok(plan)
            : ApiProblems.NotFound($"Rate plan '{planId}'");

    private static async Task<IResult> Import(HttpContext context, string planId, RateDeckImporter importer, string? kind, string? description)
    {
        var errors = new FieldErrors();
        errors.Identifier("planId", planId, 64);
        var planKind = kind switch
        {
            null or "retail" => RatePlanKind.Retail,
            "carrier" => RatePlanKind.Carrier,
            _ => (RatePlanKind?)null,
        };
        if (planKind is null)
        {
            errors.Add("kind", "must be 'retail' or 'carrier'.");
        }

        errors.Text("description", description, 200, required: false);
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/csv" or "text/plain"))
        {
            errors.Add("body", "must be the CSV deck (Content-Type: text/csv).");
        }
        else if (context.Request.ContentLength is > MaxCsvBytes)
        {
            errors.Add("body", $"must be at most {MaxCsvBytes} bytes.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        // The parser reads lines synchronously, which Kestrel forbids on the request stream: read the (capped) body first.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxCsvBytes;
        }

        using var body = new StreamReader(context.Request.Body);
        using var reader = new StringReader(await body.ReadToEndAsync(context.RequestAborted));
        var result = await importer.ImportAsync(planId, planKind!.Value, description ?? "", reader, context.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                errors.Add(error.Line > 0 ? "line " + error.Line.ToString(CultureInfo.InvariantCulture) : "body", error.Message);
            }

            return ApiProblems.Invalid(errors);
        }

        return TypedResults.Ok(result.Plan);
    }

    private static async Task<IResult> Export(HttpContext context, string planId, RateDeckImporter importer, IRatePlanStore store, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(context.User);
        if (caller.TenantId is not null
            && (await TenantRatePlans.VisibleAsync(caller, store, accounts, cancellationToken)).All(p => p.PlanId != planId))
        {
            return ApiProblems.NotFound($"Rate plan '{planId}'");
        }

        return await importer.ExportAsync(planId, cancellationToken) is { } csv
            ? TypedResults.Text(csv, "text/csv; charset=utf-8")
            : ApiProblems.NotFound($"Rate plan '{planId}'");
    }
}
