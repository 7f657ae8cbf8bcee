using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Hosting;
using Switchboard.Grains.Observability;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Telemetry;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// An extension: settings, credentials, registrar bindings and the auth-failure brake, kept listed in its tenant's
/// <see cref="IExtensionIndexGrain"/>. See <see cref="IExtensionGrain"/>.
/// </summary>
public sealed partial class ExtensionGrain(
    [PersistentState("extension", StorageNames.Grains)] IPersistentState<ExtensionState> state,
    IOptions<RegistrarOptions> options,
    IOptions<LogRedactionOptions> logRedaction,
    RegistrationHistory history,
    TimeProvider time,
    ILogger<ExtensionGrain> logger) : Grain, IExtensionGrain
{
    private const int MinPasswordLength = 8;
    private const int MaxPasswordLength = 128;

    private readonly RegistrarOptions _options = options.Value;
    /// <summary>Bound on the sources one extension counts failures for (the per-source ban list is the outer brake).</summary>
    private const int MaxFailureSources = 1024;

    // Per source address: a third party guessing from its own address locks only itself out of this extension,
    // not the phone that registers with the right password from another one.
    private readonly Dictionary<string, AuthFailureCounter> _failures = new(StringComparer.Ordinal);
    private IGrainTimer? _pruneTimer;

    private string TenantId => ExtensionKeys.Parse(this.GetPrimaryKeyString()).TenantId;

    private string Number => ExtensionKeys.Parse(this.GetPrimaryKeyString()).Number;

    /// <summary>
    /// The key as operational lines show it: the number masked unless <c>Sip:LogNumbers</c> (docs/privacy.md, logs).
    /// Security events (a lock-out) keep the full key, as they keep the source address.
    /// </summary>
    private string LogName() => ExtensionKeys.For(TenantId, NumberMask.ForLog(Number, logRedaction.Value.LogNumbers));

    private AuthFailureCounter? FailuresFrom(string sourceAddress) => _failures.GetValueOrDefault(sourceAddress);

    private AuthFailureCounter CountFailuresFrom(string sourceAddress)
    {
        if (_failures.TryGetValue(sourceAddress, out var counter))
        {
            return counter;
        }

        if (_failures.Count >= MaxFailureSources)
        {
            var now = time.GetUtcNow();
            foreach (var address in _failures.Where(f => !f.Value.IsLocked(now)).Select(f => f.Key).ToList())
            {
                _failures.Remove(address);
            }
        }

        counter = new AuthFailureCounter(_options.AuthFailureLimit, _options.AuthFailureWindow, _options.AuthLockout);
        _failures[sourceAddress] = counter;
        return counter;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Bindings.Count > 0)
        {
            StartPruning();
        }

        return Task.CompletedTask;
    }

    public async Task<ExtensionSnapshot> Provision(ExtensionSettings settings, string? password)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!NumberPattern().IsMatch(Number))
        {
            throw new ArgumentException($"Extension number '{Number}' must be 1-32 of [A-Za-z0-9._-].", nameof(settings));
        }

        if (settings.AccountId is { Length: 0 })
        {
            throw new ArgumentException("AccountId must be null (use the tenant's) or an account id.", nameof(settings));
        }

        if (!DigestPolicy.IsValid(settings.DigestAlgorithms))
        {
            throw new ArgumentException($"DigestAlgorithms {DigestPolicy.Rule} (or null for the tenant's).", nameof(settings));
        }

        if (password is not null)
        {
            ValidatePassword(password);
        }

        var tenant = await GrainFactory.Grain<ITenantGrain>(TenantId).GetSnapshot()
            ?? throw new InvalidOperationException($"Tenant '{TenantId}' is not configured.");

        // Indexed before the save and on every provision (idempotent): a provision that failed after this point
        // and is retried adds it again, so a saved extension is never missing from its tenant's list.
        await Index().Add(Number);

        var realm = tenant.Settings.SipDomain;
        if (password is not null)
        {
            SetCredentials(password, realm);
        }
        else if (!string.Equals(state.State.Realm, realm, StringComparison.Ordinal) && state.State.Ha1Md5 is not null)
        {
            // HA1 binds the realm: after a SIP domain change the old values can never verify again.
            ClearCredentials();
            LogCredentialsDropped(logger, LogName(), realm);
        }

        state.State.Settings = settings;
        state.State.Realm = realm;
        await state.WriteStateAsync();
        LogProvisioned(logger, LogName(), settings.Enabled, password is not null);
        return Snapshot();
    }

    public async Task<ExtensionSnapshot?> ProvisionNew(ExtensionSettings settings, string? password)
    {
        if (state.State.Settings is not null)
        {
            return null;
        }

        try
        {
            return await Provision(settings, password);
        }
        catch
        {
            // Provision fills the state before it writes it: when the write fails nothing was stored, and this
            // activation must not go on answering (and refusing a retried create) as if it had been.
            state.State = new ExtensionState();
            throw;
        }
    }

    public async Task Deprovision()
    {
        // Unlisted before the state goes: if clearing fails, the retried delete finds the extension and finishes.
        await Index().Remove(Number);
        _pruneTimer?.Dispose();
        _pruneTimer = null;
        await state.ClearStateAsync();
        state.State = new ExtensionState();
        DeactivateOnIdle();
    }

    public Task<ExtensionSnapshot?> GetSnapshot() =>
        Task.FromResult(state.State.Settings is null ? null : Snapshot());

    public async Task<IReadOnlyList<DigestAlgorithm>> GetDigestAlgorithms()
    {
        if (state.State.Settings?.DigestAlgorithms is { Count: > 0 } own)
        {
            return own;
        }

        // Asked each time rather than copied at provisioning, so a tenant's change reaches every extension at once.
        return await GrainFactory.Grain<ITenantGrain>(TenantId).GetDigestAlgorithms();
    }

    public Task<ExtensionAuthentication> GetAuthentication(DigestAlgorithm algorithm, string sourceAddress)
    {
        var failures = FailuresFrom(sourceAddress ?? string.Empty);
        var s = state.State;
        var now = time.GetUtcNow();
        var ha1 = algorithm == DigestAlgorithm.Sha256 ? s.Ha1Sha256 : s.Ha1Md5;
        var result = s.Settings is null || ha1 is null
            ? new ExtensionAuthentication(AuthenticationStatus.Unknown, s.Realm, null, null)
            : !s.Settings.Enabled
                ? new ExtensionAuthentication(AuthenticationStatus.Disabled, s.Realm, null, null)
                : failures is not null && failures.IsLocked(now)
                    ? new ExtensionAuthentication(AuthenticationStatus.LockedOut, s.Realm, null, failures.LockedUntil)
                    : new ExtensionAuthentication(AuthenticationStatus.Ready, s.Realm, ha1, null);
        return Task.FromResult(result);
    }

    public Task<AuthLockout> ReportAuthFailure(TransportAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var failures = CountFailuresFrom(source.Host);
        var wasLocked = failures.IsLocked(time.GetUtcNow());
        var lockout = failures.RecordFailure(time.GetUtcNow());
        if (lockout.LockedOut && !wasLocked)
        {
            LogLockedOut(logger, this.GetPrimaryKeyString(), source.Host, lockout.RecentFailures, lockout.LockedUntil);
        }

        return Task.FromResult(lockout);
    }

    public Task<bool> VerifyPassword(string password) =>
        Task.FromResult(state.State.Password is { } hash && password is not null && hash.Verify(password));

    public async Task<RegistrationResult> Register(RegisterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        if (state.State.Settings is null)
        {
            return new RegistrationResult(404, "Not Found", null, [], now);
        }

        if (!state.State.Settings.Enabled)
        {
            return new RegistrationResult(403, "Forbidden", null, [], now);
        }

        var outcome = Registrar.Apply(state.State.Bindings, request, now, _options);
        if (outcome.Changed)
        {
            state.State.Bindings = [.. outcome.Bindings];
            await state.WriteStateAsync();
        }

        if (outcome.Result.Status == 200 && request.Contacts.Count + (request.Wildcard ? 1 : 0) > 0)
        {
            var (tenantId, number) = ExtensionKeys.Parse(this.GetPrimaryKeyString());
            history.Record(new RegistrationEntry(
                tenantId, number, now, request.Source.Host, request.UserAgent ?? string.Empty, request.Wildcard ? 0 : request.Contacts[0].Expires ?? request.Expires ?? 3600));
        }

        if (state.State.Bindings.Count > 0)
        {
            StartPruning();
        }

        LogRegistered(logger, this.GetPrimaryKeyString(), outcome.Result.Status, outcome.Bindings.Count, request.EdgeId);
        return outcome.Result;
    }

    public async Task<IReadOnlyList<Binding>> GetBindings()
    {
        await PruneExpired();
        return state.State.Bindings;
    }

    private static void ValidatePassword(string password)
    {
        if (password.Length is < MinPasswordLength or > MaxPasswordLength || password.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"Password must be {MinPasswordLength}-{MaxPasswordLength} characters without control characters.",
                nameof(password));
        }
    }

    private void SetCredentials(string password, string realm)
    {
        // HA1 = H(username:realm:password) (RFC 7616 §3.4.2), one per algorithm, by the SIP library's one implementation.
        state.State.Ha1Md5 = Sip.Auth.DigestHa1.Compute(Number, realm, password, Sip.Auth.DigestAlgorithm.Md5);
        state.State.Ha1Sha256 = Sip.Auth.DigestHa1.Compute(Number, realm, password, Sip.Auth.DigestAlgorithm.Sha256);
        state.State.Password = PasswordHash.Create(password, _options.PasswordHashIterations);
    }

    private void ClearCredentials()
    {
        state.State.Ha1Md5 = null;
        state.State.Ha1Sha256 = null;
        state.State.Password = null;
    }

    private IExtensionIndexGrain Index() => GrainFactory.Grain<IExtensionIndexGrain>(TenantId);

    private ExtensionSnapshot Snapshot()
    {
        var s = state.State;
        var now = time.GetUtcNow();
        return new ExtensionSnapshot(
            TenantId, Number, s.Settings!, s.Ha1Md5 is not null, s.Realm, s.Bindings.Count(b => b.ExpiresAt > now));
    }

    private void StartPruning()
    {
        _pruneTimer ??= this.RegisterGrainTimer(
            static (grain, _) => grain.PruneExpired(),
            this,
            new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { Interleave = false });
    }

    private async Task PruneExpired()
    {
        var now = time.GetUtcNow();
        var before = state.State.Bindings.Count;
        state.State.Bindings.RemoveAll(b => b.ExpiresAt <= now);
        if (state.State.Bindings.Count != before)
        {
            await state.WriteStateAsync();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex NumberPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Extension {Extension} provisioned (enabled {Enabled}, new credentials {NewCredentials})")]
    private static partial void LogProvisioned(ILogger logger, string extension, bool enabled, bool newCredentials);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Extension {Extension}: realm changed to {Realm}, stored credentials dropped; set a new password")]
    private static partial void LogCredentialsDropped(ILogger logger, string extension, string realm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Extension {Extension} locked for source {Source} after {Failures} authentication failures from it, until {Until}")]
    private static partial void LogLockedOut(ILogger logger, string extension, string source, int failures, DateTimeOffset? until);

    [LoggerMessage(Level = LogLevel.Debug, Message = "REGISTER {Extension} via {Edge}: {Status}, {Bindings} bindings")]
    private static partial void LogRegistered(ILogger logger, string extension, int status, int bindings, string edge);
}
