using System.Security.Cryptography;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Demo;

/// <summary>
/// Seeds <see cref="DemoTenant"/> once the silo is up, so `dotnet run --project src/Silo` is ready to take
/// calls with no configuration. Only the embedded mode seeds; a PostgreSQL cluster starts empty.
/// </summary>
public sealed partial class DemoTenantSeeder(
    IGrainFactory grains,
    RateDeckImporter rates,
    DemoTenant demo,
    ILogger<DemoTenantSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var imported = await rates.ImportAsync(DemoTenant.RatePlanId, RatePlanKind.Retail, "Demo retail rates",
            new StringReader(DemoRates.Csv), cancellationToken);
        if (imported.Errors.Count > 0)
        {
            throw new InvalidOperationException($"Demo rate deck rejected: {imported.Errors[0].Message}");
        }

        var account = grains.Grain<IAccountGrain>(DemoTenant.AccountId);
        await account.Open(new AccountSettings(DemoTenant.TenantId, DemoTenant.RatePlanId, 0m, FraudLimits.Default));
        await account.Credit(new AccountCredit("demo-opening-credit", DemoTenant.OpeningCredit, "Demo opening credit"));

        (await grains.Grain<ITenantGrain>(DemoTenant.TenantId).Configure(new TenantSettings(
            "Demo tenant", demo.SipDomain, TenantStatus.Active, DemoTenant.AccountId, TenantPolicies.Default))).OrThrow();

        var passwords = new Dictionary<string, string>();
        foreach (var number in DemoTenant.ExtensionNumbers)
        {
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            await grains.Grain<IExtensionGrain>(ExtensionKeys.For(DemoTenant.TenantId, number))
                .Provision(new ExtensionSettings($"Demo {number}", Enabled: true, AccountId: null), password);
            passwords[number] = password;
        }

        demo.Passwords = passwords;
        demo.Seeded = true;
        LogSeeded(logger, DemoTenant.TenantId, demo.SipDomain);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo tenant {Tenant} on SIP domain {Domain}")]
    private static partial void LogSeeded(ILogger logger, string tenant, string domain);
}
