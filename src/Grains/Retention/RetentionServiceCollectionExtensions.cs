using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Retention;

/// <summary>
/// Registers the retention purge. PostgreSQL mode only: the in-memory mode keeps nothing past the process's life,
/// which is its retention.
/// </summary>
public static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddSwitchboardRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton<RetentionMetrics>();
        services.TryAddSingleton<IAccountLines, GrainAccountLines>();
        services.TryAddSingleton<RetentionPurge>();
        services.TryAddSingleton<RetentionOverrideStore>();
        services.AddHostedService<RetentionPurgeService>();
        return services;
    }
}
