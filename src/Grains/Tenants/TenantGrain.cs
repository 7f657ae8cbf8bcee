using Microsoft.Extensions.Logging;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Hosting;

namespace Switchboard.Grains.Tenants;

/// <summary>A tenant's configuration, its directory entries and its place in the tenant registry; see <see cref="ITenantGrain"/>.</summary>
public sealed partial class TenantGrain(
    [PersistentState("tenant", StorageNames.Grains)] IPersistentState<TenantState> state,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantSnapshot?> Create(TenantSettings settings) =>
        state.State.Settings is null ? await Configure(settings) : null;

    public async Task<TenantSnapshot> Configure(TenantSettings settings)
    {
        TenantValidation.ValidateTenantId(TenantId);
        TenantValidation.Validate(settings);
        settings = settings with { SipDomain = settings.SipDomain.Trim().ToLowerInvariant() };

        var previousDomain = state.State.Settings?.SipDomain;
        if (previousDomain != settings.SipDomain)
        {
            var claimed = await Entry(DirectoryKeys.Domain(settings.SipDomain)).Claim(TenantId, null);
            if (!claimed)
            {
                throw new InvalidOperationException($"SIP domain '{settings.SipDomain}' belongs to another tenant.");
            }
        }

        // Registered before the save and on every call: a create that failed after this point and is retried, or
        // any later change, registers again (idempotent), so a saved tenant is never missing from the list.
        await GrainFactory.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Register(TenantId);

        state.State.Settings = settings;
        await Save();
        if (previousDomain is not null && previousDomain != settings.SipDomain)
        {
            await Entry(DirectoryKeys.Domain(previousDomain)).Release(TenantId);
        }

        LogConfigured(logger, TenantId, settings.SipDomain, settings.Status.ToString());
        return Snapshot();
    }

    public Task<TenantSnapshot?> GetSnapshot() =>
        Task.FromResult(state.State.Settings is null ? null : Snapshot());

    public async Task<TenantSnapshot> PutTrunk(Trunk trunk, TrunkCredentials? credentials)
    {
        RequireConfigured();
        TenantValidation.Validate(trunk);
        var trunks = state.State.Trunks.Where(t => t.TrunkId != trunk.TrunkId).Append(trunk).ToList();
        await PublishTrunkSources(trunks);
        state.State.Trunks = trunks;
        if (credentials is not null)
        {
            state.State.TrunkCredentials[trunk.TrunkId] = credentials;
        }

        await Save();

        // The password is deliberately absent from this line.
        LogTrunkStored(logger, TenantId, trunk.TrunkId, trunk.Host, trunk.Port, credentials is not null);
        return Snapshot();
    }

    public async Task<TenantSnapshot> RemoveTrunk(string trunkId)
    {
        RequireConfigured();
        var trunks = state.State.Trunks.Where(t => t.TrunkId != trunkId).ToList();
        await PublishTrunkSources(trunks);
        state.State.Trunks = trunks;
        state.State.TrunkCredentials.Remove(trunkId);
        await Save();
        return Snapshot();
    }

    public Task<TrunkCredentials?> GetTrunkCredentials(string trunkId)
    {
        // The trunk's algorithm choice travels with the credentials: the edge needs both to answer a challenge.
        var credentials = state.State.TrunkCredentials.GetValueOrDefault(trunkId);
        var trunk = state.State.Trunks.Find(t => t.TrunkId == trunkId);
        return Task.FromResult(credentials is null ? null : credentials with { DigestAlgorithms = DigestPolicy.Resolve(trunk?.DigestAlgorithms) });
    }

    public Task<IReadOnlyList<DigestAlgorithm>> GetDigestAlgorithms() =>
        Task.FromResult(DigestPolicy.Resolve(state.State.Settings?.Policies.DigestAlgorithms));

    public async Task<TenantSnapshot> PutDid(Did did)
    {
        RequireConfigured();
        TenantValidation.Validate(did);
        if (!await Entry(DirectoryKeys.Did(did.Number)).Claim(TenantId, did.Extension))
        {
            throw new InvalidOperationException($"DID {did.Number} belongs to another tenant.");
        }

        state.State.Dids.RemoveAll(d => d.Number == did.Number);
        state.State.Dids.Add(did);
        await Save();
        return Snapshot();
    }

    public async Task<TenantSnapshot> RemoveDid(string number)
    {
        RequireConfigured();
        if (state.State.Dids.RemoveAll(d => d.Number == number) > 0)
        {
            await Save();
            await Entry(DirectoryKeys.Did(number)).Release(TenantId);
        }

        return Snapshot();
    }

    private async Task PublishTrunkSources(List<Trunk> trunks)
    {
        var sources = trunks
            .Where(t => t.Enabled)
            .SelectMany(t => t.InboundSources.Select(s => new TrunkSourceEntry(t.TrunkId, s)))
            .ToList();
        var conflicts = await GrainFactory.GetGrain<ITrunkSourceIndexGrain>(DirectoryKeys.TrunkSources)
            .SetTenantSources(TenantId, sources);
        if (conflicts.Count > 0)
        {
            throw new InvalidOperationException(
                $"Inbound source(s) {string.Join(", ", conflicts)} belong to another tenant's trunk.");
        }
    }

    private void RequireConfigured()
    {
        if (state.State.Settings is null)
        {
            throw new InvalidOperationException($"Tenant '{TenantId}' is not configured.");
        }
    }

    private Task Save()
    {
        state.State.Version++;
        return state.WriteStateAsync();
    }

    private IDirectoryEntryGrain Entry(string key) => GrainFactory.GetGrain<IDirectoryEntryGrain>(key);

    private TenantSnapshot Snapshot()
    {
        var s = state.State;
        return new TenantSnapshot(
            TenantId,
            s.Settings!,
            s.Trunks.OrderBy(t => t.Priority).ThenBy(t => t.TrunkId, StringComparer.Ordinal).ToList(),
            s.Dids.OrderBy(d => d.Number, StringComparer.Ordinal).ToList(),
            s.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} configured: domain {Domain}, status {Status}")]
    private static partial void LogConfigured(ILogger logger, string tenant, string domain, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} trunk {Trunk} stored ({Host}:{Port}, credentials changed {CredentialsChanged})")]
    private static partial void LogTrunkStored(ILogger logger, string tenant, string trunk, string host, int port, bool credentialsChanged);
}
