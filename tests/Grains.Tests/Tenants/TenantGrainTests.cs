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

        var created = Assert.Single(results, r => r is not null);
        Assert.Equal(created!.Settings.Name, (await pbx.Tenant.GetSnapshot())!.Settings.Name);
    }

    [Fact]
    public async Task Configure_DomainOwnedByAnotherTenant_Throws()
    {
        var owner = new TestPbx(fixture);
        await owner.Create();
        var intruder = new TestPbx(fixture);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => intruder.Tenant.Configure(
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
    public async Task Configure_BadTenantId_Throws(string tenantId)
    {
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(tenantId);

        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(
            new TenantSettings("Bad", "bad.test", TenantStatus.Active, "acct-bad", TenantPolicies.Default)));
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

        await Assert.ThrowsAsync<ArgumentException>(() => pbx.Tenant.PutTrunk(trunk with { DigestAlgorithms = [(DigestAlgorithm)9] }, null));
    }

    [Fact]
    public async Task Configure_DigestAlgorithms_Md5OnlyUntilSetAndRepeatsRefused()
    {
        var pbx = new TestPbx(fixture);
        var snapshot = await pbx.Create();
        Assert.Equal([DigestAlgorithm.Md5], await pbx.Tenant.GetDigestAlgorithms());

        await pbx.Tenant.Configure(snapshot.Settings with { Policies = snapshot.Settings.Policies with { DigestAlgorithms = [DigestAlgorithm.Sha256] } });
        Assert.Equal([DigestAlgorithm.Sha256], await pbx.Tenant.GetDigestAlgorithms());

        await Assert.ThrowsAsync<ArgumentException>(() => pbx.Tenant.Configure(
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

        var snapshot = await pbx.Tenant.PutTrunk(trunk, new TrunkCredentials("acct42", "carrier-secret"));

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

        await Assert.ThrowsAsync<InvalidOperationException>(() => other.Tenant.PutTrunk(Trunk("b", [address + "/32"]), null));

        Assert.Empty((await other.Tenant.GetSnapshot())!.Trunks);
        Assert.Equal(new TrunkSource(owner.TenantId, "a"), await Directory.ResolveTrunkSource(address));
    }

    [Fact]
    public async Task PutTrunk_BadSource_Throws()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();

        await Assert.ThrowsAsync<ArgumentException>(() => pbx.Tenant.PutTrunk(Trunk("a", ["carrier.example"]), null));
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
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.Tenant.PutDid(new Did(number, "2000")));

        await pbx.Tenant.RemoveDid(number);
        Assert.Null(await Directory.ResolveDid(number));
    }

    private static Trunk Trunk(string id, string[] sources) =>
        new(id, id + ".carrier.example", 5060, SipTransport.Udp, null, [], 10, false, null, sources, true);
}
