namespace Switchboard.Silo.Api.Keys;

/// <summary>The wire and storage spelling of <see cref="ApiKeyRole"/>; one table so SQL, JSON and docs agree.</summary>
public static class ApiKeyRoles
{
    public const string Operator = "operator";
    public const string TenantAdmin = "tenant-admin";
    public const string ReadOnly = "read-only";
    public const string Compliance = "compliance";

    public static string ToText(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Operator => Operator,
        ApiKeyRole.TenantAdmin => TenantAdmin,
        ApiKeyRole.ReadOnly => ReadOnly,
        ApiKeyRole.Compliance => Compliance,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static bool TryParse(string? text, out ApiKeyRole role)
    {
        switch (text)
        {
            case Operator:
                role = ApiKeyRole.Operator;
                return true;
            case TenantAdmin:
                role = ApiKeyRole.TenantAdmin;
                return true;
            case ReadOnly:
                role = ApiKeyRole.ReadOnly;
                return true;
            case Compliance:
                role = ApiKeyRole.Compliance;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
