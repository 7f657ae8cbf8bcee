using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api;

/// <summary>
/// Which tenant a list may cover. A key bound to a tenant always lists its own tenant (asking for another is a
/// 403); an unbound key lists the tenant it asks for, or all.
/// </summary>
public static class TenantScope
{
    public static bool TryResolve(ApiCaller caller, string? requested, out string? tenantId, out IResult? problem)
    {
        problem = null;
        tenantId = requested;
        if (caller.TenantId is null)
        {
            return true;
        }

        if (requested is not null && requested != caller.TenantId)
        {
            problem = ApiProblems.Forbidden($"This key is limited to tenant '{caller.TenantId}'.");
            return false;
        }

        tenantId = caller.TenantId;
        return true;
    }
}
