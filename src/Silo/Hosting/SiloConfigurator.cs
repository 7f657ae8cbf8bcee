using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Switchboard.Grains.Hosting;

namespace Switchboard.Silo.Hosting;

/// <summary>
/// The one place a silo is configured. The production host and the TestingHost fixture both call it, so tests
/// exercise the same storage and service wiring the product runs with.
/// </summary>
public static class SiloConfigurator
{
    private const string AdoNetInvariant = "Npgsql";

    /// <summary>Clustering and endpoints: localhost for the embedded node, ADO.NET membership otherwise.</summary>
    public static void ConfigureClustering(ISiloBuilder silo, SiloSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });

        if (settings.PostgresConnectionString is { } connectionString)
        {
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = connectionString;
            });

            // A whole-cluster crash leaves Active rows of dead silos; the defaults keep a restarted silo waiting
            // ~100 s for them to go stale. Shorter I-am-alive periods bound that cold start to ~30 s.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                o.NumMissedTableIAmAliveLimit = 3;
            });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
    }

    /// <summary>Grain storage, reminders and the grains' own services.</summary>
    public static void ConfigureApplication(ISiloBuilder silo, string? postgresConnectionString)
    {
        // System.Text.Json state: no CLR type names in stored rows, so renaming a class does not orphan state.
        silo.UseSystemTextJsonGrainStorageSerializer();

        if (postgresConnectionString is { } connectionString)
        {
            silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.Grains);
            silo.UseInMemoryReminderService();
        }

        silo.Services.AddSwitchboardGrains(usePostgres: postgresConnectionString is not null);
    }
}
