using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Tenants;

[Collection(CallControlClusterFixture.Collection)]
public sealed class TenantGrainTests(CallControlClusterFixture fixture)
{
    private IDirectoryGrain Directory => fixture.Grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Key);

    [Fact]
    public async Task Configure_DomainResolvesToTenant_CaseInsensitive()
    {
        var pbx = new TestPbx(fixture);

        var snapshot = await pbx.Create();

        Assert.Equal(pbx.Domain, snapshot.Settings.SipDomain);
        Assert.Equal(pbx.TenantId, await Directory.ResolveDomain(pbx.Domain.ToUpperInvariant()));
        Assert.Null(await Directory.ResolveDomain("nobody-" + pbx.Domain));
    }

    [Fact]
    public async Task Create_ConcurrentForOneTenant_ExactlyOneCreatesAndTheFirstSettingsStay()
    {
        var pbx = new TestPbx(fixture);
        var attempts = Enumerable.Range(0, 8)
            .Select(i => new TenantSettings("Attempt " + i, pbx.Domain, TenantStatus.Active, pbx.AccountId, TenantPolicies.Default))
            .Select(settings => pbx.Tenant.Create(settings))
            .ToList();

        var results = await Task.WhenAll(attempts);

        var created = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(GrainErrorCode.Conflict, r.Error!.Code));
        Assert.Equal(created.Value!.Settings.Name, (await pbx.Tenant.GetSnapshot())!.Settings.Name);
    }

    [Fact]
    public async Task Configure_DomainOwnedByAnotherTenant_Conflict()
    {
        var owner = new TestPbx(fixture);
        await owner.Create();
        var intruder = new TestPbx(fixture);

        var error = await Fails(GrainErrorCode.Conflict, intruder.Tenant.Configure(
            new TenantSettings("Intruder", owner.Domain, TenantStatus.Active, intruder.AccountId, TenantPolicies.Default)));

        Assert.Contains(owner.Domain, error.Message, StringComparison.Ordinal);
        Assert.Equal(owner.TenantId, await Directory.ResolveDomain(owner.Domain));
    }

    [Fact]
    public async Task Configure_ChangedDomain_ReleasesTheOldOne()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();

        await pbx.Tenant.Configure(new TenantSettings("Renamed", "new-" + pbx.Domain, TenantStatus.Active, pbx.AccountId, TenantPolicies.Default));

        Assert.Null(await Directory.ResolveDomain(pbx.Domain));
        Assert.Equal(pbx.TenantId, await Directory.ResolveDomain("new-" + pbx.Domain));
    }

    [Theory]
    [InlineData("1tenant")]
    [InlineData("Tenant")]
    [InlineData("t")]
    public async Task Configure_BadTenantId_Invalid(string tenantId)
    {
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(tenantId);

        await Fails(GrainErrorCode.Invalid, tenant.Configure(
            new TenantSettings("Bad", "bad.test", TenantStatus.Active, "acct-bad", TenantPolicies.Default)));
        Assert.Null(await tenant.GetSnapshot());
    }

    [Fact]
    public async Task PutTrunk_DigestAlgorithms_TravelWithTheCredentialsMd5OnlyByDefault()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        var trunk = new Trunk("carrier", "sip.carrier.example", 5060, SipTransport.Udp, "acct42", [], 10, false, null, [], true);

        await pbx.Tenant.PutTrunk(trunk, new TrunkCredentials("acct42", "carrier-secret"));
        Assert.Equal([DigestAlgorithm.Md5], (await pbx.Tenant.GetTrunkCredentials("carrier"))!.DigestAlgorithms);

        await pbx.Tenant.PutTrunk(trunk with { DigestAlgorithms = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5] }, null);
        var credentials = await pbx.Tenant.GetTrunkCredentials("carrier");
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], credentials!.DigestAlgorithms);
        Assert.Equal("carrier-secret", credentials.Password);

        await Fails(GrainErrorCode.Invalid, pbx.Tenant.PutTrunk(trunk with { DigestAlgorithms = [(DigestAlgorithm)9] }, null));
    }

    [Fact]
    public async Task Configure_DigestAlgorithms_Md5OnlyUntilSetAndRepeatsRefused()
    {
        var pbx = new TestPbx(fixture);
        var snapshot = await pbx.Create();
        Assert.Equal([DigestAlgorithm.Md5], await pbx.Tenant.GetDigestAlgorithms());

        await pbx.Tenant.Configure(snapshot.Settings with { Policies = snapshot.Settings.Policies with { DigestAlgorithms = [DigestAlgorithm.Sha256] } });
        Assert.Equal([DigestAlgorithm.Sha256], await pbx.Tenant.GetDigestAlgorithms());

        await Fails(GrainErrorCode.Invalid, pbx.Tenant.Configure(
            snapshot.Settings with { Policies = snapshot.Settings.Policies with { DigestAlgorithms = [DigestAlgorithm.Sha256, DigestAlgorithm.Sha256] } }));
    }

    [Fact]
    public async Task PutTrunk_PasswordOnlyThroughGetTrunkCredentials_SourcesResolve()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        var prefix = $"172.{Random.Shared.Next(16, 31)}.{Random.Shared.Next(1, 250)}";
        var trunk = new Trunk("carrier", "sip.carrier.example", 5061, SipTransport.Tls, "acct42",
            [new NumberRewriteRule("00", "")], 10, true, "carrier-plan", [prefix + ".0/28", "2001:db8:" + Random.Shared.Next(1, 9999).ToString("x") + "::1"], true);

        var snapshot = (await pbx.Tenant.PutTrunk(trunk, new TrunkCredentials("acct42", "carrier-secret"))).OrThrow();

        Assert.Equivalent(trunk, Assert.Single(snapshot.Trunks), strict: true);
        Assert.Equal("carrier-secret", (await pbx.Tenant.GetTrunkCredentials("carrier"))!.Password);
        Assert.DoesNotContain("carrier-secret", new TrunkCredentials("acct42", "carrier-secret").ToString(), StringComparison.Ordinal);
        Assert.Equal(new TrunkSource(pbx.TenantId, "carrier"), await Directory.ResolveTrunkSource(prefix + ".15"));
        Assert.Null(await Directory.ResolveTrunkSource(prefix + ".16"));

        await pbx.Tenant.PutTrunk(trunk with { Port = 5071 }, null);
        Assert.Equal("carrier-secret", (await pbx.Tenant.GetTrunkCredentials("carrier"))!.Password);

        await pbx.Tenant.RemoveTrunk("carrier");
        Assert.Null(await pbx.Tenant.GetTrunkCredentials("carrier"));
        Assert.Null(await Directory.ResolveTrunkSource(prefix + ".15"));
    }

    [Fact]
    public async Task PutTrunk_SourceOfAnotherTenant_RefusedAndNothingChanges()
    {
        var owner = new TestPbx(fixture);
        await owner.Create();
        var address = $"192.168.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 254)}";
        await owner.Tenant.PutTrunk(Trunk("a", [address]), null);
        var other = new TestPbx(fixture);
        await other.Create();

        await Fails(GrainErrorCode.Conflict, other.Tenant.PutTrunk(Trunk("b", [address + "/32"]), null));

        Assert.Empty((await other.Tenant.GetSnapshot())!.Trunks);
        Assert.Equal(new TrunkSource(owner.TenantId, "a"), await Directory.ResolveTrunkSource(address));
    }

    [Fact]
    public async Task GetSnapshot_AfterEachChange_ShowsTheChangeInPriorityOrder()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        var first = (await pbx.Tenant.GetSnapshot())!;
        Assert.Empty(first.Trunks);

        await pbx.Tenant.PutTrunk(Trunk("b", []) with { Priority = 20 }, null);
        await pbx.Tenant.PutTrunk(Trunk("a", []) with { Priority = 30 }, null);
        Assert.Equal(["b", "a"], (await pbx.Tenant.GetSnapshot())!.Trunks.Select(t => t.TrunkId));

        await pbx.Tenant.PutTrunk(Trunk("a", []) with { Priority = 10 }, null);
        await pbx.Tenant.SetOutboundBlock(new OutboundBlock("fraud review", DateTimeOffset.UtcNow));
        var changed = (await pbx.Tenant.GetSnapshot())!;
        Assert.Equal(["a", "b"], changed.Trunks.Select(t => t.TrunkId));
        Assert.False(changed.Settings.Policies.OutboundAllowed);
        Assert.True(changed.Version > first.Version);
    }

    [Fact]
    public async Task PutTrunk_BadSource_Invalid()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();

        await Fails(GrainErrorCode.Invalid, pbx.Tenant.PutTrunk(Trunk("a", ["carrier.example"]), null));
    }

    [Fact]
    public async Task PutDid_ResolvesToTenantAndExtension_RemoveDidForgetsIt()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        var number = "49" + Random.Shared.NextInt64(100_000_000, 999_999_999);

        await pbx.Tenant.PutDid(new Did(number, "1001"));
        Assert.Equal(new DidTarget(pbx.TenantId, "1001"), await Directory.ResolveDid(number));

        var other = new TestPbx(fixture);
        await other.Create();
        await Fails(GrainErrorCode.Conflict, other.Tenant.PutDid(new Did(number, "2000")));

        await pbx.Tenant.RemoveDid(number);
        Assert.Null(await Directory.ResolveDid(number));
    }

    [Fact]
    public async Task Commands_UnconfiguredTenant_NotFoundAndNothingStored()
    {
        var pbx = new TestPbx(fixture);

        await Fails(GrainErrorCode.NotFound, pbx.Tenant.PutDid(new Did("4930111222", "1001")));
        await Fails(GrainErrorCode.NotFound, pbx.Tenant.UpdatePolicies(new TenantPoliciesPatch(OutboundAllowed: false)));
        await Fails(GrainErrorCode.NotFound, pbx.Tenant.SetOutboundBlock(new OutboundBlock("fraud", DateTimeOffset.UnixEpoch)));

        Assert.Null(await pbx.Tenant.GetSnapshot());
    }

    [Fact]
    public async Task UpdatePolicies_Partial_KeepsTheFieldsItOmits()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create(ringTimeout: TimeSpan.FromSeconds(15), outboundAllowed: false);
        await pbx.Tenant.UpdatePolicies(new TenantPoliciesPatch(DigestAlgorithms: [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]));

        var policies = (await pbx.Tenant.UpdatePolicies(new TenantPoliciesPatch(MaxCallDuration: TimeSpan.FromMinutes(10)))).OrThrow().Settings.Policies;

        Assert.Equal(TimeSpan.FromSeconds(15), policies.RingTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), policies.MaxCallDuration);
        Assert.False(policies.OutboundAllowed);
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], policies.DigestAlgorithms);

        // An empty list is the explicit way back to the default; absent is not.
        var reset = (await pbx.Tenant.UpdatePolicies(new TenantPoliciesPatch(DigestAlgorithms: []))).OrThrow().Settings.Policies;
        Assert.Null(reset.DigestAlgorithms);
        await Fails(GrainErrorCode.Invalid, pbx.Tenant.UpdatePolicies(new TenantPoliciesPatch(RingTimeout: TimeSpan.Zero)));
    }

    [Fact]
    public async Task OutboundBlock_WinsOverThePoliciesUntilLiftedThenTheTenantsChoiceReturns()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create(outboundAllowed: true);

        var blocked = (await pbx.Tenant.SetOutboundBlock(new OutboundBlock("suspected IRSF", DateTimeOffset.UnixEpoch))).OrThrow();
        Assert.False(blocked.Settings.Policies.OutboundAllowed);
        Assert.Equal("suspected IRSF", blocked.OutboundBlock!.Reason);

        // Neither a policy update nor a full reconfiguration lifts it.
        Assert.False((await pbx.Tenant.UpdatePolicies(new TenantPoliciesPatch(OutboundAllowed: true))).OrThrow().Settings.Policies.OutboundAllowed);
        Assert.False((await pbx.Tenant.Change(new TenantChange("Renamed", pbx.Domain, TenantStatus.Active, pbx.AccountId, new TenantPoliciesPatch(OutboundAllowed: true))))
            .OrThrow().Settings.Policies.OutboundAllowed);
        Assert.False((await pbx.Tenant.GetSnapshot())!.Settings.Policies.OutboundAllowed);

        var lifted = (await pbx.Tenant.SetOutboundBlock(null)).OrThrow();
        Assert.True(lifted.Settings.Policies.OutboundAllowed);
        Assert.Null(lifted.OutboundBlock);
    }

    [Fact]
    public async Task SetFraudWebhook_SecretOnlyThroughGetFraudWebhook_ShortSecretInvalid()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        var webhook = new TenantFraudWebhook(new Uri("https://hooks.example.com/fraud"), new string('s', 32));

        var snapshot = (await pbx.Tenant.SetFraudWebhook(webhook)).OrThrow();

        Assert.Equal(webhook.Url, snapshot.FraudWebhookUrl);
        Assert.Equal(webhook, await pbx.Tenant.GetFraudWebhook());
        Assert.DoesNotContain(webhook.Secret, webhook.ToString(), StringComparison.Ordinal);
        await Fails(GrainErrorCode.Invalid, pbx.Tenant.SetFraudWebhook(webhook with { Secret = "short" }));
        Assert.Null((await pbx.Tenant.SetFraudWebhook(null)).OrThrow().FraudWebhookUrl);
        Assert.Null(await pbx.Tenant.GetFraudWebhook());
    }

    private static async Task<GrainError> Fails(GrainErrorCode code, Task<GrainResult<TenantSnapshot>> command)
    {
        var result = await command;
        Assert.False(result.Succeeded, "expected " + code);
        Assert.Equal(code, result.Error!.Code);
        return result.Error;
    }

    private static Trunk Trunk(string id, string[] sources) =>
        new(id, id + ".carrier.example", 5060, SipTransport.Udp, null, [], 10, false, null, sources, true);
}
