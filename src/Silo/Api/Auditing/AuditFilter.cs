using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// Records every POST, PUT, PATCH and DELETE that reached an endpoint with a valid key, whatever its outcome
/// (a refused or invalid attempt is part of the trail). The resource is what the handler named with
/// <see cref="Touch"/> (for example the id of what it created), otherwise the route values.
/// </summary>
public sealed class AuditFilter(IAuditLog log, TimeProvider clock) : IEndpointFilter
{
    private const string ResourceItem = "sb:audit-resource";

    public static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Names the resource a write touched, for the audit trail.</summary>
    public static void Touch(HttpContext context, string resource) => context.Items[ResourceItem] = resource;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!IsWrite(http.Request.Method))
        {
            return await next(context);
        }

        // A handler that throws still leaves a record (as the 500 the client gets).
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            var result = await next(context);
            status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            return result;
        }
        finally
        {
            await RecordAsync(log, clock, http, status);
        }
    }

    /// <summary>Appends the entry for a write; also used for writes refused before the endpoint ran (403).</summary>
    internal static async Task RecordAsync(IAuditLog log, TimeProvider clock, HttpContext http, int status)
    {
        var caller = ApiCaller.From(http.User);
        var route = ((http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "").TrimEnd('/');
        var resource = http.Items[ResourceItem] as string
            ?? string.Join(',', http.Request.RouteValues.Select(v => $"{v.Key}={v.Value}"));

        // CancellationToken.None: the write may have happened, so its record is kept even if the client went away.
        await log.AppendAsync(
            new AuditEntry(0, clock.GetUtcNow(), caller.KeyId, caller.Name, caller.TenantId, http.Request.Method, route, resource, status),
            CancellationToken.None);
    }
}
