using System.Reflection;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Ops;

/// <summary>
/// /ops: the internal operations page (static HTML/CSS/JS embedded in this assembly, no external assets) and
/// /ops/api (cluster overview, live calls of every tenant and the last hour of chart samples), which the admin API does not answer in one request. The page itself is public and holds
/// no data; everything it shows is fetched with the API key the operator types in.
/// </summary>
public static class OpsEndpoints
{
    public const string Path = "/ops";

    // Only these names are served, so a request path never reaches the resource lookup.
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["ops.css"] = "text/css; charset=utf-8",
        ["ops.js"] = "text/javascript; charset=utf-8",
        ["charts.js"] = "text/javascript; charset=utf-8",
        ["uPlot.iife.min.js"] = "text/javascript; charset=utf-8",
        ["uPlot.min.css"] = "text/css; charset=utf-8",
        ["uPlot-LICENSE.txt"] = "text/plain; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapOpsPage(this IEndpointRouteBuilder endpoints)
    {
        // Routing treats /ops and /ops/ alike; the page's relative asset links need the slash, so add it.
        endpoints.MapGet(Path, (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Asset(context, "index.html")
            : Results.Redirect(Path + "/")).ExcludeFromDescription();
        endpoints.MapGet(Path + "/{asset}", (HttpContext context, string asset) => Asset(context, asset)).ExcludeFromDescription();
        var api = endpoints.MapGroup(Path + "/api").RequireAuthorization(ApiPolicies.Reader).ExcludeFromDescription();
        api.MapGet("/overview", OpsApi.Overview);
        api.MapGet("/calls", OpsApi.Calls);
        api.MapGet("/charts", OpsApi.Charts);
        return endpoints;
    }

    private static IResult Asset(HttpContext context, string name)
    {
        if (!Assets.TryGetValue(name, out var contentType))
        {
            return Results.NotFound();
        }

        var stream = typeof(OpsEndpoints).Assembly.GetManifestResourceStream(ResourceName(name));
        if (stream is null)
        {
            return Results.NotFound();
        }

        // Scripts only from this origin and no framing: the page handles an operator key.
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Stream(stream, contentType);
    }

    private static string ResourceName(string asset) =>
        $"{typeof(OpsEndpoints).Assembly.GetName().Name}.Ops.Page.{asset}";
}
