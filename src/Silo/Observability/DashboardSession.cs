using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Switchboard.Silo.Api.Keys;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Observability;

/// <summary>
/// Lets a browser open the Orleans Dashboard. The dashboard's own scripts poll <c>/dashboard/*</c> without an
/// Authorization header, so an operator who presented a key (the operations page does it) gets a short cookie
/// scoped to <c>/dashboard</c>. The cookie names the key, which is looked up again on every request, so revoking
/// the key (or demoting it) ends the session at once, as it does for the admin API.
/// </summary>
public static class DashboardSession
{
    public const string Scheme = "SwitchboardDashboard";
    public const string Policy = "sb-dashboard";
    public const string SessionPath = "/ops/api/dashboard-session";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <param name="services">The silo's services.</param>
    /// <param name="https">
    /// The silo serves HTTPS. The cookie is then always Secure (RFC 6265 §4.1.2.5), also when it is issued over a
    /// plain-HTTP listener beside the HTTPS one, so a browser never sends it in clear (and signs in on the HTTPS
    /// listener only: a browser drops a Secure cookie set over plain HTTP). A silo whose only URLs are http://
    /// (loopback, the embedded node, or behind a proxy that ends TLS) sets it as the request came, or browsers would
    /// drop it.
    /// </param>
    public static IServiceCollection AddDashboardSession(this IServiceCollection services, bool https)
    {
        // With a second scheme registered ASP.NET Core no longer picks the key scheme as default by itself; keep it.
        services.Configure<AuthenticationOptions>(o => o.DefaultScheme ??= ApiKeyAuthenticationHandler.SchemeName);
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "sb_dashboard";
            o.Cookie.Path = SiloObservability.DashboardPath;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = Lifetime;
            o.SlidingExpiration = false;
            // An API, not a site with a login page: answer 401/403 instead of redirecting.
            o.Events.OnRedirectToLogin = c => SetStatus(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => SetStatus(c, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateAsync;
        });

        // Cookie first: when both schemes challenge, the key handler writes the problem body last.
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireClaim(ApiKeyClaims.Role, ApiKeyRoles.Operator)));
        return services;
    }

    /// <summary>POST with an operator key: sets the dashboard cookie (204).</summary>
    public static IEndpointConventionBuilder MapDashboardSession(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(SessionPath, async (HttpContext context) =>
            {
                var caller = ApiCaller.From(context.User);
                var identity = new ClaimsIdentity(
                    [new Claim(ApiKeyClaims.KeyId, caller.KeyId), new Claim(ApiKeyClaims.Name, caller.Name), new Claim(ApiKeyClaims.Role, ApiKeyRoles.ToText(caller.Role))],
                    Scheme, ApiKeyClaims.Name, ApiKeyClaims.Role);
                await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
                return Results.NoContent();
            })
            .RequireAuthorization(ApiPolicies.Operator)
            .ExcludeFromDescription();

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var keyId = context.Principal?.FindFirstValue(ApiKeyClaims.KeyId);
        var store = context.HttpContext.RequestServices.GetRequiredService<IApiKeyStore>();
        var key = keyId is null ? null : await store.FindAsync(keyId, context.HttpContext.RequestAborted);
        if (key is null || key.IsRevoked || key.Role != ApiKeyRole.Operator)
        {
            context.RejectPrincipal();
        }
    }

    private static Task SetStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
