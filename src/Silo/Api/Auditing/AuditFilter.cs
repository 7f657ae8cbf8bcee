using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// Records every POST, PUT, PATCH and DELETE that reached an endpoint with a valid key, whatever its outcome
/// (a refused or invalid attempt is part of the trail), and every GET of an endpoint marked
/// <see cref="PersonalDataRead"/> (CDR search and export). The resource is what the handler named with
/// <see cref="Touch"/> (for example the id of what it created), otherwise the route values and, for a read, the
/// query it ran. The source is the TCP peer's address (the proxy's, behind a reverse proxy).
/// </summary>
public sealed class AuditFilter(IAuditLog log, TimeProvider clock) : IEndpointFilter
{
    private const string ResourceItem = "sb:audit-resource";

    /// <summary>Enough for any query of ours; a longer one is cut, not refused.</summary>
    private const int MaxResourceLength = 500;

    public static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Names the resource a write touched, for the audit trail.</summary>
    public static void Touch(HttpContext context, string resource) => context.Items[ResourceItem] = resource;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!IsWrite(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<PersonalDataRead>() is null)
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
        if (!IsWrite(http.Request.Method) && http.Request.QueryString.HasValue)
        {
            // What a read asked for is the point of recording it: which account, number or time range was searched.
            resource = resource.Length == 0 ? http.Request.QueryString.Value! : resource + "," + http.Request.QueryString.Value;
        }

        if (resource.Length > MaxResourceLength)
        {
            resource = resource[..MaxResourceLength];
        }

        var source = http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;

        // CancellationToken.None: the write may have happened, so its record is kept even if the client went away.
        await log.AppendAsync(
            new AuditEntry(0, clock.GetUtcNow(), caller.KeyId, caller.Name, caller.TenantId, http.Request.Method, route, resource, status, source),
            CancellationToken.None);
    }
}
