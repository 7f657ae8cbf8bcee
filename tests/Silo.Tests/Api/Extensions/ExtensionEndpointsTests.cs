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
        var auth = JsonSerializer.Serialize(await grain.GetAuthentication(DigestAlgorithm.Md5, "127.0.0.1"));
        Assert.DoesNotContain(Password, auth);
    }

    [Fact]
    public async Task DigestAlgorithms_OverrideKeptOnPutWithoutItAndClearedByAnEmptyList()
    {
        await ApiSeed.TenantAsync(host.Operator, "extdigest");
        var grain = host.Silo.GrainFactory.GetGrain<IExtensionGrain>("extdigest/1001");

        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extdigest/extensions",
            new { number = "1001", password = Password, digestAlgorithms = new[] { "sha256" } }));
        var read = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/extdigest/extensions/1001")).RootElement;
        Assert.Equal("[\"sha256\"]", read.GetProperty("settings").GetProperty("digestAlgorithms").GetRawText());
        Assert.Equal([DigestAlgorithm.Sha256], await grain.GetDigestAlgorithms());

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/extdigest/extensions/1001", new { displayName = "Renamed" }));
        Assert.Equal([DigestAlgorithm.Sha256], await grain.GetDigestAlgorithms());

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/extdigest/extensions/1001", new { digestAlgorithms = Array.Empty<string>() }));
        Assert.Equal([DigestAlgorithm.Md5], await grain.GetDigestAlgorithms());

        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/extdigest/extensions/1001",
            new { digestAlgorithms = new[] { "md5", "sha256", "md5" } }), "digestAlgorithms");
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
    public async Task Create_ConcurrentForTheSameNumber_OneGets201AndKeepsItsPassword()
    {
        // The existence check and the write were two grain calls: two POSTs at once both got 201 and the later
        // one's password replaced the first's.
        await ApiSeed.TenantAsync(host.Operator, "extrace");
        var passwords = Enumerable.Range(0, 6).Select(i => $"{Password} {i}").ToList();
        var creates = passwords.Select(p => host.Operator.PostAsJsonAsync("/api/v1/tenants/extrace/extensions", new { number = "200", password = p })).ToList();

        var statuses = (await Task.WhenAll(creates)).Select(r => r.StatusCode).ToList();

        var winner = Assert.Single(Enumerable.Range(0, passwords.Count), i => statuses[i] == HttpStatusCode.Created);
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.True(await host.Silo.GrainFactory.GetGrain<IExtensionGrain>("extrace/200").VerifyPassword(passwords[winner]));
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

    [Fact]
    public async Task List_ShowsEachExtensionAsGetDoesWithoutCredentials()
    {
        await ApiSeed.TenantAsync(host.Operator, "extlist");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extlist/extensions", new { number = "1002", displayName = "Bob", password = Password }));
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extlist/extensions", new { number = "1001", displayName = "Alice", password = Password, enabled = false }));

        var response = await host.Operator.GetAsync("/api/v1/tenants/extlist/extensions");
        await ApiSeed.Ok(response);
        var text = await response.Content.ReadAsStringAsync();
        var page = JsonDocument.Parse(text).RootElement;

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["1001", "1002"], items.Select(e => e.GetProperty("number").GetString()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        var single = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/extlist/extensions/1001")).RootElement;
        Assert.Equal(single.GetRawText(), items[0].GetRawText());
        Assert.False(items[0].GetProperty("settings").GetProperty("enabled").GetBoolean());
        Assert.Equal("Bob", items[1].GetProperty("settings").GetProperty("displayName").GetString());
        Assert.DoesNotContain(Password, text);
        Assert.DoesNotContain("ha1", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task List_Paged_FollowsNextToTheEnd()
    {
        await ApiSeed.TenantAsync(host.Operator, "extpage");
        foreach (var number in new[] { "3", "1", "2" })
        {
            await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extpage/extensions", new { number, password = Password }));
        }

        var first = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/extpage/extensions?limit=2")).RootElement;
        var second = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/extpage/extensions?limit=2&offset=2")).RootElement;

        Assert.Equal(["1", "2"], Numbers(first));
        Assert.Equal("2", first.GetProperty("next").GetString());
        Assert.Equal(["3"], Numbers(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task List_AfterDeleteAndRetriedCreate_ShowsEachLiveExtensionOnce()
    {
        await ApiSeed.TenantAsync(host.Operator, "extdel");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extdel/extensions", new { number = "10", password = Password }));
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extdel/extensions", new { number = "20", password = Password }));
        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extdel/extensions",
            new { number = "20", password = Password }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Operator.DeleteAsync("/api/v1/tenants/extdel/extensions/10")).StatusCode);

        var page = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/extdel/extensions")).RootElement;
        Assert.Equal(["20"], Numbers(page));
    }

    [Fact]
    public async Task List_TenantAdmin_OwnTenantOnly()
    {
        await ApiSeed.TenantAsync(host.Operator, "extlist-own");
        await ApiSeed.TenantAsync(host.Operator, "extlist-other");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extlist-other/extensions", new { number = "1", password = Password }));
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "extlist-own");

        Assert.Empty(Numbers(JsonDocument.Parse(await admin.GetStringAsync("/api/v1/tenants/extlist-own/extensions")).RootElement));
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/extlist-other/extensions"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/nosuch/extensions"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_ReadOnly_Reads()
    {
        await ApiSeed.TenantAsync(host.Operator, "extlist-ro");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/extlist-ro/extensions", new { number = "5", password = Password }));
        using var reader = await host.ClientWithNewKeyAsync("read-only");

        Assert.Equal(["5"], Numbers(JsonDocument.Parse(await reader.GetStringAsync("/api/v1/tenants/extlist-ro/extensions")).RootElement));
    }

    [Fact]
    public async Task List_BadPagingOrUnknownTenant_Returns400Or404()
    {
        await ApiSeed.TenantAsync(host.Operator, "extlist-bad");

        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/tenants/extlist-bad/extensions?limit=x&offset=-5"), "limit", "offset");
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/nosuch/extensions"), HttpStatusCode.NotFound);
    }

    private static List<string> Numbers(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("number").GetString()!)];
}
