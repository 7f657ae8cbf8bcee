using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Storage.InMemory;
using Switchboard.Grains.Storage.Postgres;
using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Billing;

/// <summary>Billing's services: stores (PostgreSQL or in-memory), rate deck cache and importer, coins, fraud sinks.</summary>
public static class BillingServiceCollectionExtensions
{
    public static IServiceCollection AddSwitchboardBilling(this IServiceCollection services, bool usePostgres)
    {
        services.AddOptions<BillingOptions>()
            .Validate(o => o.Validate() is null, "Billing options are invalid; see BillingOptions.Validate")
            .ValidateOnStart();
        services.AddOptions<FraudWebhookOptions>();

        if (usePostgres)
        {
            services.TryAddSingleton<IAccountStore, PostgresAccountStore>();
            services.TryAddSingleton<ICdrStore, PostgresCdrStore>();
            services.TryAddSingleton<ICallLeaseStore, PostgresCallLeaseStore>();
            services.TryAddSingleton<ITopUpStore, PostgresTopUpStore>();
            services.TryAddSingleton<IRatePlanStore, PostgresRatePlanStore>();
            services.TryAddSingleton<IFraudAlertStore, PostgresFraudAlertStore>();
        }
        else
        {
            services.TryAddSingleton<InMemoryBillingData>();
            services.TryAddSingleton<IAccountStore, InMemoryAccountStore>();
            services.TryAddSingleton<ICdrStore, InMemoryCdrStore>();
            services.TryAddSingleton<ICallLeaseStore, InMemoryCallLeaseStore>();
            services.TryAddSingleton<ITopUpStore, InMemoryTopUpStore>();
            services.TryAddSingleton<IRatePlanStore, InMemoryRatePlanStore>();
            services.TryAddSingleton<IFraudAlertStore, InMemoryFraudAlertStore>();
        }

        services.TryAddSingleton<RateDeckCache>();
        services.TryAddSingleton<RateDeckImporter>();
        services.TryAddSingleton(CoinCatalog.Default);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFraudAlertSink, LoggingFraudAlertSink>());
        return services;
    }

    /// <summary>
    /// Adds the webhook sink posting alerts to <see cref="FraudWebhookOptions.Url"/>; the host calls this when the
    /// <c>Fraud:Webhook</c> section is configured.
    /// </summary>
    public static IServiceCollection AddFraudWebhook(this IServiceCollection services, Action<FraudWebhookOptions> configure)
    {
        services.Configure(configure);

        // One client for the silo's lifetime; a bounded connection lifetime picks up DNS changes of the receiver.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFraudAlertSink, WebhookFraudAlertSink>(sp => new WebhookFraudAlertSink(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<IOptions<FraudWebhookOptions>>(),
            sp.GetRequiredService<ILogger<WebhookFraudAlertSink>>())));
        return services;
    }
}
