using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Switchboard.Grains.Secrets;

/// <summary>
/// Data Protection for the secrets grains keep: the key ring in PostgreSQL (shared by all silos) or, in the
/// in-memory mode, in the process.
/// </summary>
public static class SecretsServiceCollectionExtensions
{
    public static IServiceCollection AddSwitchboardSecrets(this IServiceCollection services, bool usePostgres)
    {
        services.AddDataProtection().SetApplicationName("switchboard");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = usePostgres ? new PostgresKeyRing(sp.GetRequiredService<NpgsqlDataSource>()) : ProcessKeyRing.Instance));
        services.TryAddSingleton<SecretBox>();
        return services;
    }
}
