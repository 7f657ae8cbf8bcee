using System.Globalization;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// GET /api/v1/audit: the write trail, newest first, paged by entry id. Keys bound to a tenant see only what that
/// tenant's keys did.
/// </summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit").RequireAuthorization(ApiPolicies.Reader)
            .Produces<Page<AuditEntry>>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> List(HttpContext context, IAuditLog log, string? before, string? limit)
    {
        var errors = new FieldErrors();
        long? beforeId = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                beforeId = parsed;
            }
            else
            {
                errors.Add("before", "must be the 'next' value of a previous page.");
            }
        }

        var take = Paging.Number(errors, "limit", limit, Paging.DefaultLimit, 1, Paging.MaxLimit);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var caller = ApiCaller.From(context.User);
        var entries = await log.ListAsync(caller.TenantId, beforeId, take, context.RequestAborted);
        var next = entries.Count == take ? entries[^1].EntryId.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<AuditEntry>(entries, next));
    }
}
