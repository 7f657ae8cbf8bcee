namespace Switchboard.Silo.Api.Security;

/// <summary>Claim types the key handler puts on the request's principal.</summary>
public static class ApiKeyClaims
{
    public const string KeyId = "sb:key_id";
    public const string Name = "sb:key_name";
    public const string Role = "sb:role";
    public const string TenantId = "sb:tenant";
}
