namespace Switchboard.Silo.Api.Keys;

/// <summary>POST /api/v1/keys. <see cref="Role"/>: operator, tenant-admin (needs a tenant), read-only or compliance (no tenant).</summary>
public sealed record CreateApiKeyRequest(string? Name, string? Role, string? TenantId)
{
    public FieldErrors Validate(out ApiKeyRole role)
    {
        var errors = new FieldErrors();
        errors.Text("name", Name, 100);
        if (!ApiKeyRoles.TryParse(Role, out role))
        {
            errors.Add("role", $"must be '{ApiKeyRoles.Operator}', '{ApiKeyRoles.TenantAdmin}', '{ApiKeyRoles.ReadOnly}' or '{ApiKeyRoles.Compliance}'.");
        }
        else if (role == ApiKeyRole.TenantAdmin)
        {
            errors.Identifier("tenantId", TenantId);
        }
        else if (role is ApiKeyRole.Operator or ApiKeyRole.Compliance && TenantId is not null)
        {
            errors.Add("tenantId", $"must be absent for an {Role} key.");
        }
        else if (TenantId is not null)
        {
            errors.Identifier("tenantId", TenantId);
        }

        return errors;
    }
}
