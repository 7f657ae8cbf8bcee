using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// A write refused by a role policy never reaches the endpoint (and its <see cref="AuditFilter"/>), yet a valid key
/// trying to escalate is exactly what the trail is for: record it as a 403, then answer as usual.
/// </summary>
public sealed class AuditingAuthorizationResultHandler(IAuditLog log, TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && AuditFilter.IsWrite(context.Request.Method)
            && context.User.FindFirst(ApiKeyClaims.KeyId) is not null)
        {
            await AuditFilter.RecordAsync(log, clock, context, StatusCodes.Status403Forbidden);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
