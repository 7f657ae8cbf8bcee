using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Switchboard.Silo.Api.Keys;

namespace Switchboard.Silo.Api.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> (or <c>X-Api-Key: &lt;key&gt;</c>) by looking up the
/// key's SHA-256. No cache: a revoked key stops working on every silo at its next request. 401 and 403 are
/// RFC 9457 problem details.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IApiKeyStore store,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await store.FindByHashAsync(ApiKeySecret.Hash(presented), Context.RequestAborted);
        if (key is null || key.IsRevoked)
        {
            // Log which stored key (if any) was refused, never what was presented.
            LogRefused(Logger, key?.KeyId ?? "(unknown)");
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        List<Claim> claims =
        [
            new(ApiKeyClaims.KeyId, key.KeyId),
            new(ApiKeyClaims.Name, key.Name),
            new(ApiKeyClaims.Role, ApiKeyRoles.ToText(key.Role)),
        ];
        if (key.TenantId is { } tenant)
        {
            claims.Add(new Claim(ApiKeyClaims.TenantId, tenant));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ApiKeyClaims.Name, ApiKeyClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblem("Missing, unknown or revoked API key",
            "Send the key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblem("Forbidden", "This API key's role does not allow this operation.");
    }

    private string? PresentedKey()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = authorization[BearerPrefix.Length..].Trim();
            return key.Length > 0 ? key : null;
        }

        var header = Request.Headers["X-Api-Key"].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    private Task WriteProblem(string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
        }).AsTask();

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API: refused API key {KeyId}")]
    private static partial void LogRefused(ILogger logger, string keyId);
}
