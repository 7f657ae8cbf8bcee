using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddOptions<FraudWebhookOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<FraudWebhookOptions>, FraudWebhookOptionsValidator>());

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

        // Always there: tenants set their webhooks through the API; the operator's comes from Fraud:Webhook.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FraudWebhookSender>();
        services.TryAddSingleton<FraudWebhookNotifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFraudAlertSink, FraudWebhookNotifier>(sp => sp.GetRequiredService<FraudWebhookNotifier>()));
        services.AddHostedService(sp => sp.GetRequiredService<FraudWebhookNotifier>());
        return services;
    }
}
