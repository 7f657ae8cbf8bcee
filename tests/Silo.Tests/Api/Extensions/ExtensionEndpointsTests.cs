using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Grains.Extensions;

namespace Switchboard.Silo.Tests.Api.Extensions;

public sealed class ExtensionEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Create_StoresCredentialsButNeverReturnsThePassword()
    {
        await ApiSeed.TenantAsync(host.Operator, "ext");

        var response = await host.Operator.PostAsJsonAsync("/api/v1/tenants/ext/extensions", new { number = "1001", displayName = "Alice", password = Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var read = await host.Operator.GetStringAsync("/api/v1/tenants/ext/extensions/1001");
        Assert.DoesNotContain(Password, body + read);
        Assert.True(JsonDocument.Parse(read).RootElement.GetProperty("hasCredentials").GetBoolean());
        var grain = host.Silo.GrainFactory.GetGrain<IExtensionGrain>("ext/1001");
        Assert.True(await grain.VerifyPassword(Password));
        var auth = JsonSerializer.Serialize(await grain.GetAuthentication(DigestAlgorithm.Md5));
        Assert.DoesNotContain(Password, auth);
    }

    [Fact]
    public async Task Create_Duplicate_Returns409AndKeepsTheFirstPassword()
    {
        await ApiSeed.TenantAsync(host.Operator, "extdup");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extdup/extensions", new { number = "100", password = Password }));

        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extdup/extensions",
            new { number = "100", password = "another password" }), HttpStatusCode.Conflict);

        Assert.True(await host.Silo.GrainFactory.GetGrain<IExtensionGrain>("extdup/100").VerifyPassword(Password));
    }

    [Fact]
    public async Task Create_BadInput_Returns400PerFieldAndCreatesNothing()
    {
        await ApiSeed.TenantAsync(host.Operator, "extbad");

        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extbad/extensions",
            new { number = "10 01", password = "short", accountId = "Not-An-Id" }), "number", "password", "accountId");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extbad/extensions",
            new { number = "1002" }), "password");

        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/extbad/extensions/1002"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_UnknownTenant_Returns404()
    {
        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/tenants/nosuch/extensions",
            new { number = "1", password = Password }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_AccountOfAnotherTenant_Returns400()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "payer");
        await ApiSeed.TenantAsync(host.Operator, "freeloader");

        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/tenants/freeloader/extensions",
            new { number = "1", password = Password, accountId = "acct-payer" }), "accountId");
    }

    [Fact]
    public async Task Update_NewPasswordReplacesCredentialsAndDeleteRemoves()
    {
        await ApiSeed.TenantAsync(host.Operator, "extupd");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extupd/extensions", new { number = "7", password = Password }));

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/extupd/extensions/7", new { displayName = "Bob", password = "a new password" }));

        var grain = host.Silo.GrainFactory.GetGrain<IExtensionGrain>("extupd/7");
        Assert.True(await grain.VerifyPassword("a new password"));
        Assert.Contains("Bob", await host.Operator.GetStringAsync("/api/v1/tenants/extupd/extensions/7"));
        Assert.Equal("[]", await host.Operator.GetStringAsync("/api/v1/tenants/extupd/extensions/7/bindings"));
        Assert.Equal(HttpStatusCode.NoContent, (await host.Operator.DeleteAsync("/api/v1/tenants/extupd/extensions/7")).StatusCode);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/extupd/extensions/7"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TenantAdmin_ManagesOwnExtensionsAndNeverAnotherTenants()
    {
        await ApiSeed.TenantAsync(host.Operator, "ext-own");
        await ApiSeed.TenantAsync(host.Operator, "ext-other");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/ext-other/extensions", new { number = "1", password = Password }));
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "ext-own");

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/tenants/ext-own/extensions", new { number = "1", password = Password })).StatusCode);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/ext-other/extensions/1"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/ext-other/extensions/1/bindings"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/ext-other/extensions/1", new { password = "taken over!" }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.DeleteAsync("/api/v1/tenants/ext-other/extensions/1"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PostAsJsonAsync("/api/v1/tenants/ext-other/extensions", new { number = "2", password = Password }), HttpStatusCode.Forbidden);

        Assert.True(await host.Silo.GrainFactory.GetGrain<IExtensionGrain>("ext-other/1").VerifyPassword(Password));
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/ext-other/extensions/2"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadOnly_CannotCreate()
    {
        await ApiSeed.TenantAsync(host.Operator, "ext-ro");
        using var reader = await host.ClientWithNewKeyAsync("read-only", "ext-ro");

        await ProblemAssert.Status(await reader.PostAsJsonAsync("/api/v1/tenants/ext-ro/extensions", new { number = "1", password = Password }), HttpStatusCode.Forbidden);
    }
}
