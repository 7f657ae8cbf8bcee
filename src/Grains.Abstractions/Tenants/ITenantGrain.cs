namespace Switchboard.Grains.Tenants;

/// <summary>
/// One tenant (customer PBX), keyed by tenant id (<c>^[a-z][a-z0-9-]{1,31}$</c>, e.g. <c>demo</c>). Owns its
/// settings, trunks and DIDs and keeps the directory indexes (SIP domain, DIDs, trunk sources) in step.
/// Commands return a <see cref="GrainResult{T}"/>: invalid input, an unconfigured tenant and a SIP domain, DID or
/// inbound source owned by another tenant are <see cref="GrainError"/>s, never exceptions.
/// </summary>
[Alias("Switchboard.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant or changes its settings (claims the SIP domain in the directory and registers the
    /// tenant in <see cref="ITenantRegistryGrain"/>).</summary>
    [Alias("Configure")]
    Task<GrainResult<TenantSnapshot>> Configure(TenantSettings settings);

    /// <summary>
    /// Creates the tenant only if it does not exist yet; <see cref="GrainErrorCode.Conflict"/> when it does (nothing
    /// changed). The check and the create happen in one grain turn, so of two concurrent creates exactly one wins.
    /// </summary>
    [Alias("Create")]
    Task<GrainResult<TenantSnapshot>> Create(TenantSettings settings);

    /// <summary>Changes an existing tenant's settings; the policies the change names are merged into the stored ones.</summary>
    [Alias("Change")]
    Task<GrainResult<TenantSnapshot>> Change(TenantChange change);

    /// <summary>Merges the named policies into the stored ones, in one turn. Never lifts an <see cref="OutboundBlock"/>.</summary>
    [Alias("UpdatePolicies")]
    Task<GrainResult<TenantSnapshot>> UpdatePolicies(TenantPoliciesPatch patch);

    /// <summary>Operators only (the API checks the role): sets, or with null lifts, the block on outbound calls.</summary>
    [Alias("SetOutboundBlock")]
    Task<GrainResult<TenantSnapshot>> SetOutboundBlock(OutboundBlock? block);

    /// <summary>
    /// Operators only (the API checks the role): sets, or with null resets to <see cref="Emergency.EmergencyPolicy.Default"/>,
    /// how the tenant's emergency calls are placed.
    /// </summary>
    [Alias("SetEmergency")]
    Task<GrainResult<TenantSnapshot>> SetEmergency(Emergency.EmergencyPolicy? policy);

    /// <summary>Sets, or with null removes, where the tenant hears of fraud locks.</summary>
    [Alias("SetFraudWebhook")]
    Task<GrainResult<TenantSnapshot>> SetFraudWebhook(TenantFraudWebhook? webhook);

    /// <summary>Internal to the silo's fraud notifier: the tenant's webhook with its secret, or null.</summary>
    [Alias("GetFraudWebhook"), Orleans.Concurrency.ReadOnly]
    Task<TenantFraudWebhook?> GetFraudWebhook();

    /// <summary>The tenant, or null when it was never configured.</summary>
    [Alias("GetSnapshot"), Orleans.Concurrency.ReadOnly]
    Task<TenantSnapshot?> GetSnapshot();

    /// <summary>Adds or replaces a trunk; <paramref name="credentials"/> null keeps the stored ones.</summary>
    [Alias("PutTrunk")]
    Task<GrainResult<TenantSnapshot>> PutTrunk(Trunk trunk, TrunkCredentials? credentials);

    [Alias("RemoveTrunk")]
    Task<GrainResult<TenantSnapshot>> RemoveTrunk(string trunkId);

    /// <summary>Internal to edges: the credentials to answer a carrier's challenge on this trunk, with the trunk's digest algorithms.</summary>
    [Alias("GetTrunkCredentials")]
    Task<TrunkCredentials?> GetTrunkCredentials(string trunkId);

    /// <summary>The digest algorithms the tenant's phones are challenged with (<see cref="Extensions.DigestPolicy"/>).</summary>
    [Alias("GetDigestAlgorithms"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Extensions.DigestAlgorithm>> GetDigestAlgorithms();

    /// <summary>Adds or moves a DID to an extension (claims the number in the directory).</summary>
    [Alias("PutDid")]
    Task<GrainResult<TenantSnapshot>> PutDid(Did did);

    [Alias("RemoveDid")]
    Task<GrainResult<TenantSnapshot>> RemoveDid(string number);
}
