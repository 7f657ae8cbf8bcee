using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>The test tenant, provisioned straight through the grains as the admin API would.</summary>
public sealed class Provisioning(RunningSilo silo)
{
    public const string TenantId = "e2e";
    public const string Domain = "e2e.test";
    public const string AccountId = "acct-e2e";
    public const string PlanId = "plan-e2e";
    public const string Did = "4930123456";

    /// <summary>Source address of the carrier: a loopback address other than the phones' 127.0.0.1.</summary>
    public const string CarrierAddress = "127.0.0.2";

    public static readonly string[] Extensions = ["1001", "1002", "1003"];

    private IGrainFactory Grains => silo.GrainFactory;

    public static string Password(string extension) => $"pw-{extension}-secret";

    public async Task SeedAsync()
    {
        var importer = silo.Services.GetRequiredService<RateDeckImporter>();
        var deck = $"{RateDeckCsv.Header}\n49,Germany,0.010000,0,1/1,0,2020-01-01T00:00:00Z,\n";
        var imported = await importer.ImportAsync(PlanId, RatePlanKind.Retail, "end-to-end tests", new StringReader(deck));
        Assert.Empty(imported.Errors);

        // Generous fraud limits: the load benchmark places hundreds of calls a minute on this account.
        var limits = new FraudLimits(10_000, 1_000_000, 1_000_000m, [], []) { ApplyDefaultDenyList = false };
        var account = Grains.GetGrain<IAccountGrain>(AccountId);
        await account.Open(new AccountSettings(TenantId, PlanId, 0m, limits));
        await account.Credit(new AccountCredit("e2e-seed", 10_000m, "end-to-end test credit"));

        var policies = new TenantPolicies(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), true);
        (await Grains.GetGrain<ITenantGrain>(TenantId).Configure(new TenantSettings("End to end", Domain, TenantStatus.Active, AccountId, policies))).OrThrow();
        foreach (var extension in Extensions)
        {
            await Grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(TenantId, extension)).Provision(new ExtensionSettings($"Ext {extension}", true, null), Password(extension));
        }

        (await Grains.GetGrain<ITenantGrain>(TenantId).PutDid(new Did(Did, "1002"))).OrThrow();
    }

    /// <summary>Replaces every binding of <paramref name="extension"/> with one contact at 127.0.0.1:<paramref name="port"/>.</summary>
    public async Task BindAsync(string extension, params int[] ports)
    {
        var grain = Grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(TenantId, extension));
        var callId = $"e2e-{Guid.NewGuid():N}";
        var anyPort = ports.Length > 0 ? ports[0] : 5999;
        var source = new TransportAddress(SipTransport.Udp, "127.0.0.1", anyPort);
        var cleared = await grain.Register(new RegisterRequest(callId, 1, [], true, 0, [], source, "edge-tests", "tests"));
        Assert.Equal(200, cleared.Status);
        var cseq = 2;
        foreach (var port in ports)
        {
            var contact = new ContactRequest($"sip:{extension}@127.0.0.1:{port}", 300, null, null, null);
            var at = new TransportAddress(SipTransport.Udp, "127.0.0.1", port);
            var result = await grain.Register(new RegisterRequest(callId, cseq++, [contact], false, 300, [], at, "edge-tests", "tests"));
            Assert.Equal(200, result.Status);
        }
    }

    /// <summary>Replaces every trunk with one at <paramref name="host"/> and no port: the edge locates it through DNS SRV (RFC 3263).</summary>
    public async Task SrvTrunkAsync(string id, string host, SipTransport transport = SipTransport.Udp)
    {
        var tenant = Grains.GetGrain<ITenantGrain>(TenantId);
        var snapshot = await tenant.GetSnapshot();
        foreach (var existing in snapshot?.Trunks ?? [])
        {
            await tenant.RemoveTrunk(existing.TrunkId);
        }

        var trunk = new Trunk(id, host, 0, transport, "trunkuser", [], 1, true, null, [CarrierAddress], true);
        (await tenant.PutTrunk(trunk, new TrunkCredentials("trunkuser", "trunk-secret"))).OrThrow();
    }

    /// <summary>Puts carrier trunks in priority order, each at 127.0.0.1:port; inbound traffic comes from <see cref="CarrierAddress"/>.</summary>
    public async Task TrunksAsync(params (string Id, int Port, bool SignallingOnly)[] trunks)
    {
        var tenant = Grains.GetGrain<ITenantGrain>(TenantId);
        var snapshot = await tenant.GetSnapshot();
        foreach (var existing in snapshot?.Trunks ?? [])
        {
            await tenant.RemoveTrunk(existing.TrunkId);
        }

        var priority = 1;
        foreach (var (id, port, signallingOnly) in trunks)
        {
            var trunk = new Trunk(id, "127.0.0.1", port, SipTransport.Udp, "trunkuser", [], priority++, signallingOnly, null, [CarrierAddress], true);
            (await tenant.PutTrunk(trunk, new TrunkCredentials("trunkuser", "trunk-secret"))).OrThrow();
        }
    }
}
