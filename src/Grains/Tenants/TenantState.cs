namespace Switchboard.Grains.Tenants;

/// <summary>
/// Persisted state of a tenant (state name <c>tenant</c>). Trunk passwords and the tenant's webhook secret must stay
/// readable (digest responses to carriers, RFC 3261 §22.2; payload signatures), so they are kept sealed
/// (<see cref="Secrets.SecretBox"/>), never in clear; they are only returned by <c>GetTrunkCredentials</c> and
/// <c>GetFraudWebhook</c>.
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

    /// <summary>Credentials stored in clear by versions before secrets were sealed; sealed and emptied at activation.</summary>
    [Id(2)]
    public Dictionary<string, TrunkCredentials> TrunkCredentials { get; set; } = [];

    [Id(3)]
    public List<Did> Dids { get; set; } = [];

    [Id(4)]
    public long Version { get; set; }

    [Id(5)]
    public OutboundBlock? OutboundBlock { get; set; }

    /// <summary>The tenant's webhook, its secret sealed when <see cref="FraudWebhookSealed"/>.</summary>
    [Id(6)]
    public TenantFraudWebhook? FraudWebhook { get; set; }

    [Id(7)]
    public Dictionary<string, SealedTrunkCredentials> SealedTrunkCredentials { get; set; } = [];

    [Id(8)]
    public bool FraudWebhookSealed { get; set; }

    /// <summary>Set by an operator only (<see cref="Emergency.EmergencyPolicy"/>).</summary>
    [Id(9)]
    public Emergency.EmergencyPolicy? Emergency { get; set; }
}
