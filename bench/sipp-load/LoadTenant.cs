using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Tenants;

namespace Switchboard.Bench.SippLoad;

/// <summary>
/// The tenants the load runs on, each with its own prepaid account (as real traffic spreads over many customers):
/// two extensions per tenant, a cheap on-net plan and limits no load test trips. sipp's caller takes the tenant's
/// domain per call from an injection file, round-robin.
/// </summary>
internal static class LoadTenant
{
    public const string Caller = "2001";
    public const string Callee = "2002";
    public const string Password = "load-test-secret";

    public static string IdOf(int index) => $"load-{index:D2}";

    public static string DomainOf(int index) => $"{IdOf(index)}.test";

    public static async Task SeedAsync(IServiceProvider services, int tenants)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var importer = services.GetRequiredService<RateDeckImporter>();
        await importer.ImportAsync("plan-load", RatePlanKind.Retail, "load test", new StringReader($"{RateDeckCsv.Header}\n49,Germany,0.01,0,1/1,0,2020-01-01T00:00:00Z,\n"));
        var limits = new FraudLimits(100_000, 10_000_000, 10_000_000m, [], []) { ApplyDefaultDenyList = false };
        var policies = new TenantPolicies(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), true);
        for (var index = 0; index < tenants; index++)
        {
            var tenantId = IdOf(index);
            var account = grains.GetGrain<IAccountGrain>($"acct-{tenantId}");
            await account.Open(new AccountSettings(tenantId, "plan-load", 0m, limits));
            await account.Credit(new AccountCredit($"{tenantId}-seed", 1_000_000m, "load test credit"));
            (await grains.GetGrain<ITenantGrain>(tenantId).Configure(
                new TenantSettings("Load " + index, DomainOf(index), TenantStatus.Active, $"acct-{tenantId}", policies))).OrThrow();
            foreach (var extension in new[] { Caller, Callee })
            {
                await grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(tenantId, extension)).Provision(new ExtensionSettings(extension, true, null), Password);
            }
        }
    }

    /// <summary>Points every tenant's callee at the one sipp answering machine.</summary>
    public static async Task BindCalleesAsync(IServiceProvider services, int tenants, int port)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var source = new TransportAddress(SipTransport.Udp, "127.0.0.1", port);
        var contact = new ContactRequest($"sip:{Callee}@127.0.0.1:{port}", 3600, null, null, null);
        for (var index = 0; index < tenants; index++)
        {
            var grain = grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(IdOf(index), Callee));
            var result = await grain.Register(new RegisterRequest($"load-{Guid.NewGuid():N}", 1, [contact], false, 3600, [], source, "bench", "sipp"));
            if (result.Status != 200)
            {
                throw new InvalidOperationException($"Binding the callee of {IdOf(index)} failed: {result.Status} {result.Reason}");
            }
        }
    }
}
