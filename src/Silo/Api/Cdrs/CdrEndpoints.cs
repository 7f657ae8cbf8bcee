using Switchboard.Grains.Billing;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Cdrs;

/// <summary>
/// GET /api/v1/cdrs: search by account, tenant, number (caller or callee prefix) and start time [from, to),
/// newest first, paged; <c>format=csv</c> (or <c>Accept: text/csv</c>) exports the page as CSV.
/// GET /api/v1/cdrs/{callId}: one record. Tenant keys only ever see their tenant's records, as
/// <see cref="TenantCdrView"/> (no carrier cost or margin) and CSV without <c>carrier_cost</c>. Both are reads of
/// personal data (numbers called), so each is recorded in the audit log.
/// </summary>
public static class CdrEndpoints
{
    public static RouteGroupBuilder MapCdrEndpoints(this RouteGroupBuilder api)
    {
        var cdrs = api.MapGroup("/cdrs").WithTags("CDRs");
        cdrs.MapGet("", Search).AuditReads().Produces<Page<CallDetailRecord>>().Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        cdrs.MapGet("/{callId}", Get).AuditReads().Produces<CallDetailRecord>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Search(HttpContext context, ICdrStore store, string? accountId, string? tenantId, string? number,
        string? from, string? to, string? limit, string? offset, string? format)
    {
        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        var (start, end) = TimeRange.Read(errors, from, to);
        if (number is not null && (number.Length is 0 or > 32 || !number.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#')))
        {
            errors.Add("number", "must be 1-32 dialled digits (a prefix of the caller or callee).");
        }

        if (format is not (null or "json" or "csv"))
        {
            errors.Add("format", "must be 'json' or 'csv'.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var caller = ApiCaller.From(context.User);
        if (!TenantScope.TryResolve(caller, tenantId, out var scope, out var problem))
        {
            return problem!;
        }

        var records = await store.SearchAsync(new CdrQuery(scope, accountId, number, start, end, paging.Limit, paging.Offset), context.RequestAborted);
        var csv = format == "csv" || (format is null && context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        var tenantView = caller.TenantId is not null;
        if (csv)
        {
            return TypedResults.Text(CdrCsv.Write(records, carrierColumns: !tenantView), "text/csv; charset=utf-8");
        }

        return tenantView
            ? TypedResults.Ok(new Page<TenantCdrView>([.. records.Select(TenantCdrView.From)], paging.PageOf(records).Next))
            : TypedResults.Ok(paging.PageOf(records));
    }

    private static async Task<IResult> Get(HttpContext context, string callId, ICdrStore store)
    {
        var tenantId = ApiCaller.From(context.User).TenantId;
        var record = await store.GetAsync(callId, tenantId, context.RequestAborted);
        return record is null ? ApiProblems.NotFound($"CDR '{callId}'")
            : tenantId is null ? TypedResults.Ok(record)
            : TypedResults.Ok(TenantCdrView.From(record));
    }
}
