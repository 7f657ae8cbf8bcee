using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Security;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;
using Switchboard.TestKit.Cluster;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>
/// Grain state in PostgreSQL through the production configurator (ADO.NET storage, System.Text.Json payloads):
/// the silo holding a grain is killed and the grain comes back on the other silo from its row.
/// </summary>
public sealed class PostgresPersistenceTests : IAsyncLifetime
{
    private readonly ScriptedAccounting _accounting = new();
    private SwitchboardTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await SwitchboardTestCluster.StartAsync(silos: 3, postgres: true, configureSilo: silo =>
        {
            silo.Services.AddSingleton<ICallAccounting>(_accounting);
            silo.Services.Configure<RegistrarOptions>(o => o.PasswordHashIterations = 1000);
            silo.Services.Configure<CallControlOptions>(o => o.DirectoryCacheTime = TimeSpan.Zero);
        });
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Bindings_SurviveTheLossOfTheirSilo()
    {
        var pbx = new TestPbx(_cluster.GrainFactory);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.Register("1001", "sip:1001@10.0.0.1:5060", "edge-a", expires: 600);
        await pbx.Register("1001", "sip:1001@10.0.0.2:5060", "edge-b", expires: 600);

        await KillSiloOf(pbx.Extension("1001"));
        var bindings = await pbx.Extension("1001").GetBindings();

        Assert.Equal(["sip:1001@10.0.0.1:5060", "sip:1001@10.0.0.2:5060"], bindings.Select(b => b.ContactUri).Order());
        Assert.Equal(AuthenticationStatus.Ready, (await pbx.Extension("1001").GetAuthentication(DigestAlgorithm.Sha256, "127.0.0.1")).Status);
        Assert.Equal(1, await CountRows("extension"));
    }

    [Fact]
    public async Task AnsweredCall_HandsItsLeaseToTheAccount_AndIsGoneWithItsSilo()
    {
        var pbx = new TestPbx(_cluster.GrainFactory);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002");
        var edge = await TestEdge.Connect(_cluster.Client);
        await pbx.Register("1002", "sip:1002@10.0.0.1:5060", edge.Id);
        var call = TestPbx.NewCall(_cluster.GrainFactory);
        var callId = call.GetPrimaryKeyString();
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", edge.Id);
        var decision = await call.Start(invite);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], edge.Id);
        await call.LegStarted(leg);
        await call.LegResponded(TestPbx.Response(leg, 200, "v=0 answer"));
        await call.Acknowledged(invite.CallerLeg.LegCallId);
        var answeredAt = (await call.GetSnapshot())!.AnsweredAt;

        // What the account needs to bill the call without its grain: the answer, then renewals from the silo.
        var lease = Assert.Single(_accounting.AnsweredLeases, l => l.CallId == callId);
        Assert.Equal(answeredAt, lease.Cdr.AnsweredAt);
        Assert.Equal(pbx.AccountId, lease.Cdr.AccountId);
        Assert.Equal(leg.Dialog.LegCallId, lease.Cdr.CalleeLegCallId);
        await Eventually.Get(() => Task.FromResult(_accounting.Renewals.Count(l => l.CallId == callId)), n => n >= 1, TimeSpan.FromSeconds(15));

        // Call state is memory only: after the loss the call is unknown and settles nothing itself (the account
        // bills it from the lease; LeaseRecoveryTests).
        await KillSiloOf(call);
        var verdict = await call.HangupReceived(new LegHangup(invite.CallerLeg.LegCallId, HangupKind.Bye, edge.Id, "BYE"));
        Assert.Empty(verdict.Terminate);
        Assert.Null(await call.GetSnapshot());
        Assert.Empty(_accounting.SettlementsOf(callId));
    }

    [Fact]
    public async Task TenantAndExtensionLists_SurviveTheLossOfTheirSilos()
    {
        var pbx = new TestPbx(_cluster.GrainFactory);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002");
        await pbx.Extension("1001").Deprovision();
        var registry = _cluster.GrainFactory.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);
        var index = _cluster.GrainFactory.GetGrain<IExtensionIndexGrain>(pbx.TenantId);
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var hosts = new[] { await management.GetActivationAddress(registry), await management.GetActivationAddress(index) }
            .Select(address => _cluster.Cluster.GetSiloForAddress(address!)!)
            .Distinct()
            .ToList();

        foreach (var silo in hosts)
        {
            await _cluster.Cluster.KillSiloAsync(silo);
        }

        // Read through a survivor: the external client may still try a dead gateway once right after a kill.
        var survivor = _cluster.Cluster.Silos.First(s => s.IsActive).ServiceProvider.GetRequiredService<IGrainFactory>();
        Assert.Equal([pbx.TenantId], await survivor.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List(0, 100));
        Assert.Equal(["1002"], await survivor.GetGrain<IExtensionIndexGrain>(pbx.TenantId).List(0, 100));
        Assert.Equal(1, await CountRows("tenant-registry"));
        Assert.Equal(1, await CountRows("extension-index"));
    }

    [Fact]
    public async Task SourceBans_SurviveTheLossOfTheirSilo()
    {
        const string scanner = "203.0.113.99";
        var shard = _cluster.GrainFactory.GetGrain<ISourceBanGrain>(SourceBanShards.For(scanner));
        SourceBanVerdict verdict;
        do
        {
            verdict = await shard.ReportFailure(scanner, "BadResponse");
        }
        while (verdict.Ban is null && verdict.RecentFailures < 100);

        await KillSiloOf(shard);

        var survivor = _cluster.Cluster.Silos.First(s => s.IsActive).ServiceProvider.GetRequiredService<IGrainFactory>();
        var bans = await survivor.GetGrain<ISourceBanGrain>(SourceBanShards.For(scanner)).GetBans(knownVersion: 0);
        var ban = Assert.Single(bans.Bans!);
        Assert.Equal(verdict.Ban, ban);
        Assert.Equal(1, await CountRows("source-bans"));
    }

    private async Task KillSiloOf(IAddressable grain)
    {
        var address = await _cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        Assert.NotNull(address);
        var silo = _cluster.Cluster.GetSiloForAddress(address);
        Assert.NotNull(silo);
        await _cluster.Cluster.KillSiloAsync(silo);
    }

    private async Task<long> CountRows(string stateName)
    {
        await using var connection = new NpgsqlConnection(_cluster.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansstorage WHERE graintypestring = @name", connection);
        command.Parameters.AddWithValue("name", stateName);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
