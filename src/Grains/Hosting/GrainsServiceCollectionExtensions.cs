using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Grains.Billing;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Retention;
using Switchboard.Grains.Secrets;
using Switchboard.Grains.Security;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Hosting;

/// <summary>Registers what grains need beside Orleans itself: stores and domain services.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grains' services. With <paramref name="usePostgres"/> the stores write to PostgreSQL through the
    /// <c>NpgsqlDataSource</c> already in DI; without it they keep everything in memory (embedded single node).
    /// </summary>
    public static IServiceCollection AddSwitchboardGrains(this IServiceCollection services, bool usePostgres)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSwitchboardMetrics();
        services.AddOptions<CallControlOptions>().BindConfiguration(CallControlOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallControlOptions>, CallControlOptionsValidator>());
        services.AddOptions<RegistrarOptions>().BindConfiguration(RegistrarOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistrarOptions>, RegistrarOptionsValidator>());
        services.AddOptions<LogRedactionOptions>().BindConfiguration(LogRedactionOptions.SectionName);
        services.AddOptions<SourceBanOptions>().BindConfiguration(SourceBanOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourceBanOptions>, SourceBanOptionsValidator>());
        services.TryAddSingleton<ICallAccounting, AccountGrainAccounting>();
        services.TryAddSingleton<LiveCallRegistry>();
        services.AddHostedService<LeaseRenewer>();
        services.TryAddSingleton<ActiveCallsOutbox>();
        services.AddHostedService<ActiveCallsFlusher>();
        services.AddHostedService<Accounts.LeaseSweeper>();
        services.TryAddSingleton<Quality.QualityRecorder>();
        services.AddHostedService<Quality.QualityFlusher>();
        services.AddSwitchboardBilling(usePostgres);
        services.AddSwitchboardSecrets(usePostgres);
        services.TryAddSingleton<RegistrationHistory>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrationHistory>());
        if (usePostgres)
        {
            services.AddSwitchboardRetention();
        }

        return services;
    }
}
