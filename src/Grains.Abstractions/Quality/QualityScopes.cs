namespace Switchboard.Grains.Quality;

/// <summary>The keys of <see cref="IQualityStatsGrain"/> and <see cref="IQualityIndexGrain"/>.</summary>
public static class QualityScopes
{
    public const string Trunk = "trunk";
    public const string Tenant = "tenant";
    public const string Country = "country";

    public static string ForTrunk(string tenantId, string trunkId) => $"{Trunk}/{tenantId}/{trunkId}";

    public static string ForTenant(string tenantId) => $"{Tenant}/{tenantId}";

    public static string ForCountry(string code) => $"{Country}/{code}";
}
