namespace Switchboard.Silo.Api.Keys;

/// <summary>What a key may do. Stored and sent as <c>operator</c>, <c>tenant-admin</c>, <c>read-only</c>.</summary>
public enum ApiKeyRole
{
    /// <summary>Everything, across all tenants, including keys and money.</summary>
    Operator = 0,

    /// <summary>Reads and PBX writes inside one tenant; never money, rate plans, trunks or keys.</summary>
    TenantAdmin = 1,

    /// <summary>Reads only; across all tenants, or inside one when the key names a tenant.</summary>
    ReadOnly = 2,

    /// <summary>Lawful disclosure only: records disclosures and reads their traffic data; nothing else of the API.</summary>
    Compliance = 3,
}
