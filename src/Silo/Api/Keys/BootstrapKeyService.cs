using Switchboard.Silo.Hosting;

namespace Switchboard.Silo.Api.Keys;

/// <summary>
/// Makes sure an operator can reach the API on a fresh install.
/// <list type="bullet">
/// <item><c>Admin:BootstrapKey</c> set: that key is registered as an operator key (once; a later revocation sticks).</item>
/// <item>Embedded node: nothing persists, so a new operator key is made at every start and printed in the banner.</item>
/// <item>PostgreSQL: when <c>api_keys</c> holds no key at all, one silo creates an operator key and prints it once.</item>
/// </list>
/// </summary>
public sealed partial class BootstrapKeyService(
    IApiKeyStore store,
    BootstrapKeyState state,
    SiloSettings settings,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<BootstrapKeyService> logger) : IHostedService
{
    public const string ConfigurationKey = "Admin:BootstrapKey";
    private const string BootstrapName = "bootstrap";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
        {
            var added = await store.AddIfHashUnknownAsync(NewOperatorKey(configured), cancellationToken);
            state.Description = $"operator key from {ConfigurationKey}" + (added ? " (registered now)" : "");
            LogConfigured(logger, added);
            return;
        }

        var secret = ApiKeySecret.Generate();
        var key = NewOperatorKey(secret);
        if (await store.AddIfEmptyAsync(key, cancellationToken))
        {
            state.CreatedKey = secret;
            state.KeyId = key.KeyId;
            state.Description = settings.UsesPostgres
                ? $"{secret}  (operator, {key.KeyId}; created because api_keys was empty; shown ONCE, keep it)"
                : $"{secret}  (operator, {key.KeyId}; in memory, a new one at every start)";
            LogCreated(logger, key.KeyId);
            return;
        }

        state.Description = "keys already exist in api_keys (create more with POST /api/v1/keys)";
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private ApiKey NewOperatorKey(string secret) =>
        new(ApiKeySecret.NewKeyId(), BootstrapName, ApiKeyRole.Operator, TenantId: null, ApiKeySecret.Hash(secret),
            ApiKeySecret.Prefix(secret), clock.GetUtcNow(), CreatedBy: "bootstrap", RevokedAt: null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API: bootstrap operator key {KeyId} created; it is shown once in the start-up banner")]
    private static partial void LogCreated(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API: operator key from Admin:BootstrapKey in use (newly registered: {Added})")]
    private static partial void LogConfigured(ILogger logger, bool added);
}
