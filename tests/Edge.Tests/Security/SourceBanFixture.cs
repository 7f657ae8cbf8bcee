using Microsoft.Extensions.DependencyInjection;
using Switchboard.Edge.Tests.Support;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Security;
using Switchboard.Grains.Tenants;
using Switchboard.TestKit.Cluster;

namespace Switchboard.Edge.Tests.Security;

/// <summary>
/// A one-silo TestingHost cluster with a tenant of two extensions, and two real edges in front of it that copy the
/// ban list every 200 ms: what one edge bans, the other must drop too. The cluster bans after
/// <see cref="BanFailures"/> failures, fewer than the default, so a test can stay just below or go past it quickly.
/// </summary>
public sealed class SourceBanFixture : IAsyncLifetime
{
    public const string TenantId = "sec";
    public const string Domain = "sec.test";
    public const string Password = "phone-secret-1";
    public const int BanFailures = 4;

    private SwitchboardTestCluster? _cluster;

    public SwitchboardTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Cluster not started");

    public EdgeTestHost First { get; private set; } = null!;

    public EdgeTestHost Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await SwitchboardTestCluster.StartAsync(
            silos: 1, configureSilo: silo => silo.Services.Configure<SourceBanOptions>(o => o.BanFailures = BanFailures));
        var grains = _cluster.GrainFactory;
        var limits = new FraudLimits(1_000, 1_000_000, 1_000_000m, [], []) { ApplyDefaultDenyList = false };
        await grains.GetGrain<IAccountGrain>("acct-sec").Open(new AccountSettings(TenantId, "plan-sec", 0m, limits));
        await grains.GetGrain<IAccountGrain>("acct-sec").Credit(new AccountCredit("sec-seed", 100m, "security tests"));
        var policies = new TenantPolicies(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), true);
        await grains.GetGrain<ITenantGrain>(TenantId).Configure(new TenantSettings("Security", Domain, TenantStatus.Active, "acct-sec", policies));
        foreach (var number in new[] { "1001", "1002" })
        {
            await grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(TenantId, number)).Provision(new ExtensionSettings("Ext " + number, true, null), Password);
        }

        var settings = new Dictionary<string, string?> { ["Security:BanPollMilliseconds"] = "200" };
        First = await EdgeTestHost.StartAsync(grains, settings);
        Second = await EdgeTestHost.StartAsync(grains, settings);
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
