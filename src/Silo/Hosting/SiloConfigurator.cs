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

    /// <summary>Grain addresses a silo caches: about 30 s of new calls at 1,000 calls/s.</summary>
    public const int DirectoryCacheSize = 100_000;

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

            silo.Configure<ClusterMembershipOptions>(ConfigureFailureDetection);
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        // Mutual TLS on the silo port, the gateway port and this silo's connections to others (docs/security.md).
        if (settings.Tls is { } tls)
        {
            silo.UseTls(tls.Configure);
        }
    }

    /// <summary>
    /// How fast a crashed silo is declared dead (docs/architecture.md, "Failure costs"). Until then its grains
    /// cannot be re-activated elsewhere and every call that needs one fails, so this bounds the outage a crash
    /// causes. A killed process refuses connections at once, so each probe fails fast and detection costs
    /// about <c>NumMissedProbesLimit</c> probe periods (the period adapts between MinProbeTimeout and
    /// MaxProbeTimeout).
    /// </summary>
    public static void ConfigureFailureDetection(ClusterMembershipOptions o)
    {
        // Defaults 5 s / 2.5 s / 20 s (12.5 s to declare a killed silo dead here). With these: 2.3-5.0 s after SIGKILL
        // (tests/EndToEnd.Tests/Calls/SiloLossTests.cs, two and three silos on one 2-core machine).
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.MinProbeTimeout = TimeSpan.FromSeconds(1);

        // Max × NumMissedProbesLimit is also the window in which a message received on a still-open connection
        // vetoes a death vote (EnableConnectionLivenessCheck): 9 s instead of 60 s for a silo whose host froze
        // without closing its sockets. A silo busy enough to miss probes for that long is not serving calls either;
        // probe timeouts during this silo's own stalls (thread pool, GC) do not count as misses.
        o.MaxProbeTimeout = TimeSpan.FromSeconds(3);
        o.NumMissedProbesLimit = 3;

        // Orleans requires min(NumVotesForDeathDeclaration, half the active silos rounded up) votes: one in a
        // two-silo cluster (the survivor alone may declare the other dead), two from three silos on, so a single
        // silo with a bad network cannot evict healthy peers of a larger cluster.
        o.NumVotesForDeathDeclaration = 2;

        // Gossip spreads a death at once; re-reading the table is the fallback when a gossip message is lost.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);

        // A whole-cluster crash leaves Active rows of dead silos; a restarted silo waits for them to go stale
        // (period × limit) before it joins. 5 s × 3 bounds that cold start to ~15 s; the default 30 s × 3 to 90 s.
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.NumMissedTableIAmAliveLimit = 3;
    }

    /// <summary>Grain storage, reminders and the grains' own services.</summary>
    public static void ConfigureApplication(ISiloBuilder silo, string? postgresConnectionString)
    {
        // System.Text.Json state: no CLR type names in stored rows, so renaming a class does not orphan state.
        silo.UseSystemTextJsonGrainStorageSerializer();

        // Every call leaves its grain's address in the directory cache; with the default bound of 1,000,000 entries
        // the cache grows for many minutes at 1,000 calls/s into hundreds of MB that every full collection walks,
        // long after those grains are gone. Hot grains (accounts, extensions, tenants) stay
        // cached: the cache is LRU. docs/benchmarks.md, "What survives a collection".
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);

        if (postgresConnectionString is { } connectionString)
        {
            silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = connectionString;

                // A cleared state (a deleted extension) leaves no row: the row's key names the tenant and the number,
                // which erasure must not keep (docs/privacy.md). 0003-orleans-persistence.sql has DeleteStorageKey.
                o.DeleteStateOnClear = true;
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
