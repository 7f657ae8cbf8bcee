using Microsoft.Extensions.Logging;
using Switchboard.Grains.Emergency;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Hosting;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Tenants;

/// <summary>A tenant's configuration, its directory entries and its place in the tenant registry; see <see cref="ITenantGrain"/>.</summary>
public sealed partial class TenantGrain(
    [PersistentState("tenant", StorageNames.Grains)] IPersistentState<TenantState> state,
    Secrets.SecretBox secrets,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private TenantSnapshot? _snapshot;

    private string TenantId => this.GetPrimaryKeyString();

    /// <summary>Seals what an older version stored in clear, so no secret stays readable in storage past one activation.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var plain = state.State.TrunkCredentials;
        var webhookInClear = state.State.FraudWebhook is not null && !state.State.FraudWebhookSealed;
        if (plain.Count == 0 && !webhookInClear)
        {
            return;
        }

        foreach (var (trunkId, credentials) in plain)
        {
            state.State.SealedTrunkCredentials[trunkId] = Seal(credentials);
        }

        state.State.TrunkCredentials = [];
        if (webhookInClear)
        {
            SealWebhook(state.State.FraudWebhook);
        }

        await Save();
    }

    public async Task<GrainResult<TenantSnapshot>> Create(TenantSettings settings) =>
        state.State.Settings is null
            ? await Configure(settings)
            : GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Conflict, $"Tenant '{TenantId}' already exists.");

    public async Task<GrainResult<TenantSnapshot>> Configure(TenantSettings settings)
    {
        if ((TenantValidation.CheckTenantId(TenantId) ?? TenantValidation.Check(settings)) is { } invalid)
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Invalid, invalid);
        }

        settings = settings with { SipDomain = settings.SipDomain.Trim().ToLowerInvariant() };

        var previousDomain = state.State.Settings?.SipDomain;
        if (previousDomain != settings.SipDomain)
        {
            var claimed = await Entry(DirectoryKeys.Domain(settings.SipDomain)).Claim(TenantId, null);
            if (!claimed)
            {
                return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Conflict, $"SIP domain '{settings.SipDomain}' belongs to another tenant.");
            }
        }

        // Registered before the save and on every call: a create that failed after this point and is retried, or
        // any later change, registers again (idempotent), so a saved tenant is never missing from the list.
        await GrainFactory.Grain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Register(TenantId);

        state.State.Settings = settings;
        await Save();
        if (previousDomain is not null && previousDomain != settings.SipDomain)
        {
            await Entry(DirectoryKeys.Domain(previousDomain)).Release(TenantId);
        }

        LogConfigured(logger, TenantId, settings.SipDomain, settings.Status.ToString());
        return Ok();
    }

    public async Task<GrainResult<TenantSnapshot>> Change(TenantChange change)
    {
        if (state.State.Settings is not { } current)
        {
            return NotConfigured();
        }

        return await Configure(new TenantSettings(change.Name, change.SipDomain, change.Status, change.AccountId,
            (change.Policies ?? TenantPoliciesPatch.None).ApplyTo(current.Policies)));
    }

    public async Task<GrainResult<TenantSnapshot>> UpdatePolicies(TenantPoliciesPatch patch)
    {
        if (state.State.Settings is not { } current)
        {
            return NotConfigured();
        }

        // Merged here, in the grain's turn, from the stored policies (the tenant's own choice, not the blocked view
        // a snapshot shows): two partial updates never undo each other and an omitted field keeps its value.
        var policies = patch.ApplyTo(current.Policies);
        if (TenantValidation.Check(policies) is { } invalid)
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Invalid, invalid);
        }

        state.State.Settings = current with { Policies = policies };
        await Save();
        return Ok();
    }

    public async Task<GrainResult<TenantSnapshot>> SetOutboundBlock(OutboundBlock? block)
    {
        if (state.State.Settings is null)
        {
            return NotConfigured();
        }

        if (block is { Reason: var reason } && string.IsNullOrWhiteSpace(reason))
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Invalid, "Reason is required.");
        }

        state.State.OutboundBlock = block;
        await Save();
        LogOutboundBlock(logger, TenantId, block is not null);
        return Ok();
    }

    public async Task<GrainResult<TenantSnapshot>> SetEmergency(EmergencyPolicy? policy)
    {
        if (state.State.Settings is null)
        {
            return NotConfigured();
        }

        if (policy is not null && EmergencyPolicyValidation.Check(policy, state.State.Trunks) is { } invalid)
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Invalid, invalid);
        }

        state.State.Emergency = policy;
        await Save();
        LogEmergencyPolicy(logger, TenantId, policy?.Country ?? "none", policy?.TrunkId ?? "any");
        return Ok();
    }

    public async Task<GrainResult<TenantSnapshot>> SetFraudWebhook(TenantFraudWebhook? webhook)
    {
        if (state.State.Settings is null)
        {
            return NotConfigured();
        }

        if (webhook is not null && TenantValidation.Check(webhook) is { } invalid)
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Invalid, invalid);
        }

        SealWebhook(webhook);
        await Save();
        return Ok();
    }

    public async Task<TenantFraudWebhook?> GetFraudWebhook()
    {
        if (state.State.FraudWebhook is not { } stored)
        {
            return null;
        }

        var (secret, reseal) = secrets.Open(stored.Secret);
        var webhook = stored with { Secret = secret };
        if (reseal)
        {
            SealWebhook(webhook);
            await Save();
        }

        return webhook;
    }

    public Task<TenantSnapshot?> GetSnapshot() =>
        Task.FromResult(state.State.Settings is null ? null : Snapshot());

    public async Task<GrainResult<TenantSnapshot>> PutTrunk(Trunk trunk, TrunkCredentials? credentials)
    {
        if (state.State.Settings is null)
        {
            return NotConfigured();
        }

        if (TenantValidation.Check(trunk) is { } invalid)
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Invalid, invalid);
        }

        var trunks = state.State.Trunks.Where(t => t.TrunkId != trunk.TrunkId).Append(trunk).ToList();
        if (await PublishTrunkSources(trunks) is { } conflict)
        {
            return conflict;
        }

        state.State.Trunks = trunks;
        if (credentials is not null)
        {
            state.State.SealedTrunkCredentials[trunk.TrunkId] = Seal(credentials);
        }

        await Save();

        // The password is deliberately absent from this line.
        LogTrunkStored(logger, TenantId, trunk.TrunkId, trunk.Host, trunk.Port, credentials is not null);
        return Ok();
    }

    public async Task<GrainResult<TenantSnapshot>> RemoveTrunk(string trunkId)
    {
        if (state.State.Settings is null)
        {
            return NotConfigured();
        }

        var trunks = state.State.Trunks.Where(t => t.TrunkId != trunkId).ToList();
        if (await PublishTrunkSources(trunks) is { } conflict)
        {
            return conflict;
        }

        state.State.Trunks = trunks;
        state.State.SealedTrunkCredentials.Remove(trunkId);
        await Save();
        return Ok();
    }

    public async Task<TrunkCredentials?> GetTrunkCredentials(string trunkId)
    {
        if (!state.State.SealedTrunkCredentials.TryGetValue(trunkId, out var sealedCredentials))
        {
            return null;
        }

        var (password, reseal) = secrets.Open(sealedCredentials.SealedPassword);
        var credentials = new TrunkCredentials(sealedCredentials.Username, password);
        if (reseal)
        {
            // Sealed with a key that is no longer the current one: re-seal with the current key (rotation).
            state.State.SealedTrunkCredentials[trunkId] = Seal(credentials);
            await Save();
        }

        // The trunk's algorithm choice travels with the credentials: the edge needs both to answer a challenge.
        var trunk = state.State.Trunks.Find(t => t.TrunkId == trunkId);
        return credentials with { DigestAlgorithms = DigestPolicy.Resolve(trunk?.DigestAlgorithms) };
    }

    private SealedTrunkCredentials Seal(TrunkCredentials credentials) => new(credentials.Username, secrets.Seal(credentials.Password));

    private void SealWebhook(TenantFraudWebhook? webhook)
    {
        state.State.FraudWebhook = webhook is null ? null : webhook with { Secret = secrets.Seal(webhook.Secret) };
        state.State.FraudWebhookSealed = webhook is not null;
    }

    public Task<IReadOnlyList<DigestAlgorithm>> GetDigestAlgorithms() =>
        Task.FromResult(DigestPolicy.Resolve(state.State.Settings?.Policies.DigestAlgorithms));

    public async Task<GrainResult<TenantSnapshot>> PutDid(Did did)
    {
        if (state.State.Settings is null)
        {
            return NotConfigured();
        }

        if (TenantValidation.Check(did) is { } invalid)
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Invalid, invalid);
        }

        if (!await Entry(DirectoryKeys.Did(did.Number)).Claim(TenantId, did.Extension))
        {
            return GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Conflict, $"DID {did.Number} belongs to another tenant.");
        }

        state.State.Dids.RemoveAll(d => d.Number == did.Number);
        state.State.Dids.Add(did);
        await Save();
        return Ok();
    }

    public async Task<GrainResult<TenantSnapshot>> RemoveDid(string number)
    {
        if (state.State.Settings is null)
        {
            return NotConfigured();
        }

        if (state.State.Dids.RemoveAll(d => d.Number == number) > 0)
        {
            await Save();
            await Entry(DirectoryKeys.Did(number)).Release(TenantId);
        }

        return Ok();
    }

    /// <summary>Publishes the trunks' inbound sources; the conflict when another tenant's trunk owns one of them.</summary>
    private async Task<GrainResult<TenantSnapshot>?> PublishTrunkSources(List<Trunk> trunks)
    {
        var sources = trunks
            .Where(t => t.Enabled)
            .SelectMany(t => t.InboundSources.Select(s => new TrunkSourceEntry(t.TrunkId, s)))
            .ToList();
        var conflicts = await GrainFactory.Grain<ITrunkSourceIndexGrain>(DirectoryKeys.TrunkSources)
            .SetTenantSources(TenantId, sources);
        return conflicts.Count > 0
            ? GrainResult<TenantSnapshot>.Fail(GrainErrorCode.Conflict,
                $"Inbound source(s) {string.Join(", ", conflicts)} belong to another tenant's trunk.")
            : null;
    }

    private GrainResult<TenantSnapshot> NotConfigured() =>
        GrainResult<TenantSnapshot>.Fail(GrainErrorCode.NotFound, $"Tenant '{TenantId}' is not configured.");

    private GrainResult<TenantSnapshot> Ok() => GrainResult<TenantSnapshot>.Ok(Snapshot());

    private Task Save()
    {
        state.State.Version++;
        _snapshot = null;
        return state.WriteStateAsync();
    }

    private IDirectoryEntryGrain Entry(string key) => GrainFactory.Grain<IDirectoryEntryGrain>(key);

    /// <summary>
    /// Every call's routing reads the snapshot, so it is built once per <see cref="TenantState.Version"/> rather than
    /// re-sorting trunks and DIDs into new lists per call. It is immutable, and Orleans hands it out without a copy.
    /// </summary>
    private TenantSnapshot Snapshot() =>
        _snapshot is { } cached && cached.Version == state.State.Version ? cached : _snapshot = BuildSnapshot();

    private TenantSnapshot BuildSnapshot()
    {
        var s = state.State;

        // Calls read OutboundAllowed from the snapshot: an operator's block wins over the tenant's own choice.
        var settings = s.OutboundBlock is null ? s.Settings! : s.Settings! with { Policies = s.Settings.Policies with { OutboundAllowed = false } };
        return new TenantSnapshot(
            TenantId,
            settings,
            s.Trunks.OrderBy(t => t.Priority).ThenBy(t => t.TrunkId, StringComparer.Ordinal).ToList(),
            s.Dids.OrderBy(d => d.Number, StringComparer.Ordinal).ToList(),
            s.Version,
            s.OutboundBlock,
            s.FraudWebhook?.Url,
            s.Emergency);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} configured: domain {Domain}, status {Status}")]
    private static partial void LogConfigured(ILogger logger, string tenant, string domain, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} emergency policy set: country {Country}, trunk {Trunk}")]
    private static partial void LogEmergencyPolicy(ILogger logger, string tenant, string country, string trunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant} outbound calling blocked by an operator: {Blocked}")]
    private static partial void LogOutboundBlock(ILogger logger, string tenant, bool blocked);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} trunk {Trunk} stored ({Host}:{Port}, credentials changed {CredentialsChanged})")]
    private static partial void LogTrunkStored(ILogger logger, string tenant, string trunk, string host, int port, bool credentialsChanged);
}
