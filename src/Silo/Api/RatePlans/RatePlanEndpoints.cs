using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.RatePlans;

/// <summary>
/// /api/v1/rate-plans: operators upload a whole deck as CSV (all or nothing: a file with bad rows changes
/// nothing and every bad row comes back as a field error keyed <c>line N</c>) and download it again; any key lists
/// plans, which are operator data shared by all tenants.
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

    private static async Task<IResult> List(IRatePlanStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<IResult> Get(string planId, IRatePlanStore store, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).FirstOrDefault(p => p.PlanId == planId) is { } plan
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

    private static async Task<IResult> Export(string planId, RateDeckImporter importer, CancellationToken cancellationToken) =>
        await importer.ExportAsync(planId, cancellationToken) is { } csv
            ? TypedResults.Text(csv, "text/csv; charset=utf-8")
            : ApiProblems.NotFound($"Rate plan '{planId}'");
}
