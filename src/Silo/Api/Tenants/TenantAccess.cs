using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// Loads a tenant for a caller. A key bound to another tenant gets 403 before anything is read, so it learns
/// nothing about whether the tenant exists; an unknown tenant is 404.
/// </summary>
public static class TenantAccess
{
    public static async Task<(TenantSnapshot? Tenant, IResult? Problem)> ReadAsync(ApiCaller caller, IGrainFactory grains, string tenantId, bool write)
    {
        if (write ? !caller.CanWrite(tenantId) : !caller.CanRead(tenantId))
        {
            return (null, ApiProblems.Forbidden(caller.TenantId is { } own
                ? $"This key is limited to tenant '{own}'."
                : "This key's role does not allow this operation."));
        }

        var tenant = await grains.Grain<ITenantGrain>(tenantId).GetSnapshot();
        return tenant is null ? (null, ApiProblems.NotFound($"Tenant '{tenantId}'")) : (tenant, null);
    }
}
