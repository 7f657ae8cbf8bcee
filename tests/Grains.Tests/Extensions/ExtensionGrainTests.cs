using Orleans.Runtime;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Extensions;

[Collection(CallControlClusterFixture.Collection)]
public sealed class ExtensionGrainTests(CallControlClusterFixture fixture)
{
    private static readonly TransportAddress Scanner = new(SipTransport.Udp, "203.0.113.66", 5060);

    /// <summary>Where the extension's real phone registers from.</summary>
    private const string Phone = "198.51.100.10";

    [Fact]
    public async Task Provision_StoresHa1ForTheTenantRealm_AndASaltedHash()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();

        var snapshot = await pbx.AddExtension("1001");

        Assert.True(snapshot.HasCredentials);
        Assert.Equal(pbx.Domain, snapshot.Realm);
        var md5 = await pbx.Extension("1001").GetAuthentication(DigestAlgorithm.Md5, Phone);
        var sha = await pbx.Extension("1001").GetAuthentication(DigestAlgorithm.Sha256, Phone);
        Assert.Equal(AuthenticationStatus.Ready, md5.Status);
        Assert.Equal(Sip.Auth.DigestHa1.Compute("1001", pbx.Domain, TestPbx.Password, Sip.Auth.DigestAlgorithm.Md5), md5.Ha1);
        Assert.Equal(Sip.Auth.DigestHa1.Compute("1001", pbx.Domain, TestPbx.Password, Sip.Auth.DigestAlgorithm.Sha256), sha.Ha1);
        Assert.DoesNotContain(md5.Ha1!, md5.ToString(), StringComparison.Ordinal);
        Assert.True(await pbx.Extension("1001").VerifyPassword(TestPbx.Password));
        Assert.False(await pbx.Extension("1001").VerifyPassword("wrong-password"));
    }

    [Fact]
    public async Task GetDigestAlgorithms_TenantsUnlessTheExtensionOverrides_AndTenantChangesReachIt()
    {
        var pbx = new TestPbx(fixture);
        var tenant = await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.Extension("1002").Provision(new ExtensionSettings("Ext 1002", true, null, [DigestAlgorithm.Sha256]), TestPbx.Password);

        Assert.Equal([DigestAlgorithm.Md5], await pbx.Extension("1001").GetDigestAlgorithms());
        Assert.Equal([DigestAlgorithm.Sha256], await pbx.Extension("1002").GetDigestAlgorithms());

        await pbx.Tenant.Configure(tenant.Settings with { Policies = tenant.Settings.Policies with { DigestAlgorithms = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5] } });

        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], await pbx.Extension("1001").GetDigestAlgorithms());
        Assert.Equal([DigestAlgorithm.Sha256], await pbx.Extension("1002").GetDigestAlgorithms());

        // An unknown extension is challenged like a real one, so a scanner learns nothing from the algorithms.
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], await pbx.Extension("1999").GetDigestAlgorithms());
    }

    [Fact]
    public async Task Provision_RepeatedDigestAlgorithm_Throws()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            pbx.Extension("1001").Provision(new ExtensionSettings("x", true, null, [DigestAlgorithm.Md5, DigestAlgorithm.Md5]), TestPbx.Password));
    }

    [Fact]
    public async Task Provision_WithoutTenant_Throws()
    {
        var pbx = new TestPbx(fixture);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.AddExtension("1001"));
    }

    [Fact]
    public async Task Provision_ShortPassword_Throws()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            pbx.Extension("1001").Provision(new ExtensionSettings("x", true, null), "short"));
    }

    [Fact]
    public async Task GetAuthentication_UnknownOrDisabled_NoHa1()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1002", enabled: false);

        var unknown = await pbx.Extension("9999").GetAuthentication(DigestAlgorithm.Md5, Phone);
        var disabled = await pbx.Extension("1002").GetAuthentication(DigestAlgorithm.Md5, Phone);

        Assert.Equal(AuthenticationStatus.Unknown, unknown.Status);
        Assert.Null(unknown.Ha1);
        Assert.Equal(AuthenticationStatus.Disabled, disabled.Status);
        Assert.Null(disabled.Ha1);
        Assert.Equal(403, (await pbx.Register("1002", "sip:1002@10.0.0.1", "edge-a")).Status);
        Assert.Equal(404, (await pbx.Register("9999", "sip:9999@10.0.0.1", "edge-a")).Status);
    }

    [Fact]
    public async Task ReportAuthFailure_RepeatedFailures_LockTheExtension()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        var extension = pbx.Extension("1001");

        AuthLockout last = null!;
        for (var i = 0; i < new RegistrarOptions().AuthFailureLimit; i++)
        {
            last = await extension.ReportAuthFailure(Scanner);
        }

        Assert.True(last.LockedOut);
        var auth = await extension.GetAuthentication(DigestAlgorithm.Md5, Scanner.Host);
        Assert.Equal(AuthenticationStatus.LockedOut, auth.Status);
        Assert.Null(auth.Ha1);
        Assert.NotNull(auth.LockedUntil);
    }

    [Fact]
    public async Task ReportAuthFailure_FromAThirdParty_DoesNotLockOutThePhoneAtAnotherAddress()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        var extension = pbx.Extension("1001");

        // Other ports of the scanner's address count as the same source.
        for (var i = 0; i < new RegistrarOptions().AuthFailureLimit * 2; i++)
        {
            await extension.ReportAuthFailure(Scanner with { Port = 5060 + i });
        }

        Assert.Equal(AuthenticationStatus.LockedOut, (await extension.GetAuthentication(DigestAlgorithm.Md5, Scanner.Host)).Status);
        var phone = await extension.GetAuthentication(DigestAlgorithm.Md5, Phone);
        Assert.Equal(AuthenticationStatus.Ready, phone.Status);
        Assert.NotNull(phone.Ha1);
    }

    [Fact]
    public async Task Register_BindingsSurviveDeactivation_AndExpire()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.Register("1001", "sip:1001@10.0.0.1:5060", "edge-a", expires: 600);
        await pbx.Register("1001", "sip:1001@10.0.0.2:5060", "edge-b", expires: 600);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var bindings = await pbx.Extension("1001").GetBindings();

        Assert.Equal(["edge-a", "edge-b"], bindings.Select(b => b.EdgeId).Order());
        var removed = await pbx.Extension("1001").Register(new RegisterRequest(
            "reg-other", 7, [], true, 0, [], Scanner, "edge-a", null));
        Assert.Equal(200, removed.Status);
        Assert.Empty(await pbx.Extension("1001").GetBindings());
    }
}
