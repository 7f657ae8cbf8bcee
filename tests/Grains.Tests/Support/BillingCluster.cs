using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;
using Switchboard.TestKit.Cluster;

namespace Switchboard.Grains.Tests.Support;

/// <summary>
/// A cluster-kit cluster (production SiloConfigurator) with billing helpers: import a deck, open and fund an account,
/// read the stores a silo uses. In-memory clusters have one silo, because each silo of the embedded mode keeps its
/// own in-memory stores; multi-silo clusters use PostgreSQL.
/// </summary>
public sealed class BillingCluster : IAsyncDisposable
{
    public const string RetailCsv = """
        prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
        49,Germany,1.00,0,1/1,0,,
        4930,Berlin,0.60,0,1/1,0,,
        44,United Kingdom,1.00,0,60/60,0,,
        33,France,0.30,0.10,30/6,0,,
        """;

    public const string CarrierCsv = """
        prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
        49,Germany wholesale,0.30,0,1/1,0,,
        """;

    private BillingCluster(SwitchboardTestCluster cluster, RecordingFraudAlertSink sink)
    {
        Cluster = cluster;
        Sink = sink;
    }

    public SwitchboardTestCluster Cluster { get; }

    public RecordingFraudAlertSink Sink { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Services of a live silo (all silos share the stores when on PostgreSQL).</summary>
    public IServiceProvider Services => Cluster.Cluster.Silos.First(s => s.IsActive).ServiceProvider;

    public IAccountStore Accounts => Services.GetRequiredService<IAccountStore>();

    public ICdrStore Cdrs => Services.GetRequiredService<ICdrStore>();

    public IFraudAlertStore Alerts => Services.GetRequiredService<IFraudAlertStore>();

    public static async Task<BillingCluster> StartAsync(short silos = 1, bool postgres = false, Action<ISiloBuilder>? configureSilo = null)
    {
        var sink = new RecordingFraudAlertSink();
        var cluster = await SwitchboardTestCluster.StartAsync(silos, postgres, silo =>
        {
            silo.Services.AddSingleton<IFraudAlertSink>(sink);
            configureSilo?.Invoke(silo);
        });
        var billing = new BillingCluster(cluster, sink);
        await billing.ImportAsync("plan-retail", RatePlanKind.Retail, RetailCsv);
        await billing.ImportAsync("plan-carrier", RatePlanKind.Carrier, CarrierCsv);
        return billing;
    }

    public async Task ImportAsync(string planId, RatePlanKind kind, string csv)
    {
        var result = await Services.GetRequiredService<RateDeckImporter>().ImportAsync(planId, kind, planId, new StringReader(csv));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Line}: {e.Message}")));
    }

    /// <summary>Opens an account on plan-retail and credits <paramref name="balance"/>. Default limits are generous.</summary>
    public async Task<IAccountGrain> OpenAsync(string accountId, decimal balance, FraudLimits? limits = null, decimal creditLimit = 0m)
    {
        var account = Grains.GetGrain<IAccountGrain>(accountId);
        await account.Open(new AccountSettings("demo", "plan-retail", creditLimit, limits ?? new FraudLimits(0, 0, 0m, [], [])));
        if (balance != 0m)
        {
            await account.Credit(new AccountCredit("opening", balance, "opening balance"));
        }

        return account;
    }

    /// <summary>The silo a grain is active on (activating it first), from the management grain's directory view.</summary>
    public async Task<Orleans.TestingHost.InProcessSiloHandle> HostOfAsync(IAccountGrain account)
    {
        await account.GetSnapshot();
        var address = await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(account);
        return Cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(address));
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
