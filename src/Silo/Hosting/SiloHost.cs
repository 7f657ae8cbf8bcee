using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Silo.Demo;
using Switchboard.Silo.Api;
using Switchboard.Silo.Health;
using Switchboard.Silo.Observability;
using Switchboard.Silo.Schema;
using Switchboard.Silo.Warmup;

namespace Switchboard.Silo.Hosting;

/// <summary>Builds and runs the silo process: configuration check, schema migration, Orleans, HTTP.</summary>
public static class SiloHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = await BuildAsync(args, configure: null, privateNode: false, warmUp: true);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Exception ex) when (ConfigurationFailure.Describe(ex) is { } line)
        {
            await Console.Error.WriteLineAsync(line);
            return 2;
        }

        try
        {
            await app.RunAsync();
        }
        catch (Exception ex) when (ConfigurationFailure.Describe(ex) is { } line)
        {
            // A check that only runs as the host starts (none should be left) still ends in one line, not a trace.
            await Console.Error.WriteLineAsync(line);
            return 2;
        }

        return 0;
    }

    /// <summary>
    /// Builds the host without starting it. <paramref name="configure"/> lets tests add configuration
    /// (ports, connection string) through the same path an operator's appsettings would take.
    /// </summary>
    public static Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure) =>
        BuildAsync(args, configure, privateNode: false, warmUp: false);

    /// <param name="privateNode">
    /// The warm-up's node (<see cref="CallPathWarmup"/>): no banner, and no console lifetime, so a signal during the
    /// warm-up reaches the process rather than stopping only the private node.
    /// </param>
    /// <param name="warmUp">Run the warm-up (<c>Warmup:Calls</c> calls) once the configuration has passed its checks.</param>
    internal static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure, bool privateNode, bool warmUp)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var settings = SiloSettingsReader.Read(builder.Configuration);
        if (!settings.UsesPostgres && string.IsNullOrEmpty(builder.Configuration["Sip:NonceSecret"]))
        {
            // One process, one edge: a secret that lives as long as the process is all the nonces need.
            builder.Configuration["Sip:NonceSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        builder.WebHost.UseUrls(settings.HttpUrls);

        // HTTPS is Kestrel's own configuration: an https:// URL in Http:Urls and Kestrel:Certificates:Default:Path
        // (and :Password). Once the API is served over HTTPS, browsers are told to stay on it (HSTS, a year), on an
        // IP address too, since operators reach silos by address; the dashboard cookie is then always Secure.
        var https = settings.ServesHttps;
        if (https)
        {
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.ExcludedHosts.Clear();
            });
        }
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<Switchboard.Grains.Fraud.FraudWebhookOptions>(builder.Configuration.GetSection(Switchboard.Grains.Fraud.FraudWebhookOptions.SectionName));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        builder.UseOrleans(silo =>
        {
            SiloConfigurator.ConfigureClustering(silo, settings);
            SiloConfigurator.ConfigureApplication(silo, settings.PostgresConnectionString);
        });

        // Seeded after the silo's own hosted service has started, so grains are callable.
        if (builder.Configuration.GetValue("Demo:Seed", !settings.UsesPostgres))
        {
            builder.Services.AddSingleton(new DemoTenant
            {
                SipDomain = builder.Configuration["Demo:SipDomain"] ?? builder.Configuration["Sip:ListenAddress"] ?? "127.0.0.1",
            });
            builder.Services.AddHostedService<DemoTenantSeeder>();
            builder.Services.AddSingleton<IStartupBannerSection, DemoTenantBannerSection>();
        }

        if (builder.Configuration.GetValue("Edge:Enabled", true))
        {
            builder.Services.AddSwitchboardEdge(builder.Configuration);
            builder.Services.AddSingleton<IStartupBannerSection, EdgeBannerSection>();
        }

        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [HealthEndpoints.ReadyTag]);
        var warmupBanner = new WarmupBannerSection();
        if (privateNode)
        {
            builder.Services.AddSingleton<IHostLifetime, WarmupLifetime>();
        }
        else
        {
            builder.Services.AddHostedService<StartupBanner>();
            builder.Services.AddSingleton<IStartupBannerSection>(warmupBanner);
        }

        builder.Services.AddOptions<WarmupOptions>().Bind(builder.Configuration.GetSection(WarmupOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WarmupOptions>, WarmupOptionsValidator>();
        builder.Services.AddSingleton<IStartupBannerSection, RuntimeBannerSection>();
        builder.Services.AddAdminApi(settings, builder.Configuration);
        builder.AddSwitchboardObservability(settings.ServesHttps);

        var app = builder.Build();

        // Before anything resolves this node's meter provider (checking the options below does): it would listen to
        // the private node's instruments too, which have the same names, and count the warm-up's calls as its own.
        // A bad value elsewhere is reported once the warm-up is over, a few seconds later than without it.
        if (warmUp && app.Services.GetRequiredService<IOptions<WarmupOptions>>().Value is { Calls: > 0 } warmup)
        {
            var precompiled = app.Services.GetService<CallPathPrecompiler>()?.Completion ?? Task.CompletedTask;
            var result = await CallPathWarmup.RunAsync(app.Configuration, warmup, precompiled, CancellationToken.None);
            CallPathWarmup.Log(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallPathWarmup)), result);
            warmupBanner.Result = result;
        }

        // Every option is checked here, before the node starts (the schema migration included), so a bad value is
        // one line and exit code 2 and the database is not touched.
        ConfigurationFailure.ValidateOptions(app.Services);
        if (settings.PostgresConnectionString is { } connectionString)
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddConsole());
            var migrator = new SchemaMigrator(connectionString, SchemaScript.DefaultDirectory, loggerFactory.CreateLogger<SchemaMigrator>());
            await migrator.MigrateAsync(CancellationToken.None);
        }

        if (https)
        {
            app.UseHsts();
        }

        app.MapHealthEndpoints();
        app.MapAdminApi();
        app.MapSwitchboardObservability();
        return app;
    }
}
