using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Tenants;

namespace Switchboard.Bench.SippLoad;

/// <summary>The tenant the load runs on: two extensions, a free on-net plan and limits no load test trips.</summary>
internal static class LoadTenant
{
    public const string Domain = "load.test";
    public const string Caller = "2001";
    public const string Callee = "2002";
    public const string Password = "load-test-secret";

    public static async Task SeedAsync(IServiceProvider services)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var importer = services.GetRequiredService<RateDeckImporter>();
        await importer.ImportAsync("plan-load", RatePlanKind.Retail, "load test", new StringReader($"{RateDeckCsv.Header}\n49,Germany,0.01,0,1/1,0,2020-01-01T00:00:00Z,\n"));
        var limits = new FraudLimits(100_000, 10_000_000, 10_000_000m, [], []) { ApplyDefaultDenyList = false };
        var account = grains.GetGrain<IAccountGrain>("acct-load");
        await account.Open(new AccountSettings("load", "plan-load", 0m, limits));
        await account.Credit(new AccountCredit("load-seed", 1_000_000m, "load test credit"));
        var policies = new TenantPolicies(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), true);
        await grains.GetGrain<ITenantGrain>("load").Configure(new TenantSettings("Load", Domain, TenantStatus.Active, "acct-load", policies));
        foreach (var extension in new[] { Caller, Callee })
        {
            await grains.GetGrain<IExtensionGrain>(ExtensionKeys.For("load", extension)).Provision(new ExtensionSettings(extension, true, null), Password);
        }
    }

    /// <summary>Points the callee at the sipp answering machine.</summary>
    public static async Task BindCalleeAsync(IServiceProvider services, int port)
    {
        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IExtensionGrain>(ExtensionKeys.For("load", Callee));
        var source = new TransportAddress(SipTransport.Udp, "127.0.0.1", port);
        var contact = new ContactRequest($"sip:{Callee}@127.0.0.1:{port}", 3600, null, null, null);
        var result = await grain.Register(new RegisterRequest($"load-{Guid.NewGuid():N}", 1, [contact], false, 3600, [], source, "bench", "sipp"));
        if (result.Status != 200)
        {
            throw new InvalidOperationException($"Binding the callee failed: {result.Status} {result.Reason}");
        }
    }
}
