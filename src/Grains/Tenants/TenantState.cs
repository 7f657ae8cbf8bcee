namespace Switchboard.Grains.Tenants;

/// <summary>
/// Persisted state of a tenant (state name <c>tenant</c>). Trunk passwords are kept here in clear because digest
/// responses to carriers need them (RFC 3261 §22.2); they are only returned by <c>GetTrunkCredentials</c>.
/// <see cref="Settings"/> holds the tenant's own policies; an operator's <see cref="OutboundBlock"/> is kept apart so
/// that lifting it restores what the tenant had chosen.
/// </summary>
[GenerateSerializer]
public sealed class TenantState
{
    [Id(0)]
    public TenantSettings? Settings { get; set; }

    [Id(1)]
    public List<Trunk> Trunks { get; set; } = [];

    [Id(2)]
    public Dictionary<string, TrunkCredentials> TrunkCredentials { get; set; } = [];

    [Id(3)]
    public List<Did> Dids { get; set; } = [];

    [Id(4)]
    public long Version { get; set; }

    [Id(5)]
    public OutboundBlock? OutboundBlock { get; set; }

    [Id(6)]
    public TenantFraudWebhook? FraudWebhook { get; set; }
}
