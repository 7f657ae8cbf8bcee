using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.Auditing;

public sealed class AuditEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Write_IsRecordedWithKeyRouteAndResourceButNoSecret()
    {
        var response = await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = "audited", role = "read-only" });
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var keyId = created.GetProperty("info").GetProperty("keyId").GetString()!;
        var secret = created.GetProperty("key").GetString()!;

        var page = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/audit")).RootElement;

        var entry = page.GetProperty("items").EnumerateArray().First(e => e.GetProperty("resource").GetString() == keyId);
        Assert.Equal("POST", entry.GetProperty("method").GetString());
        Assert.Equal("/api/v1/keys", entry.GetProperty("route").GetString());
        Assert.Equal(201, entry.GetProperty("status").GetInt32());
        Assert.Equal("bootstrap", entry.GetProperty("keyName").GetString());
        Assert.DoesNotContain(secret, page.ToString());
    }

    [Fact]
    public async Task PersonalDataRead_IsRecordedWithTheQueryAndTheSourceAddress()
    {
        using var reader = await host.ClientWithNewKeyAsync("read-only", "audit-pd");

        await reader.GetStringAsync("/api/v1/cdrs?number=4930&format=csv");
        await reader.GetStringAsync("/api/v1/tenants/audit-pd/extensions");

        var items = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/audit?limit=1000")).RootElement.GetProperty("items");
        var search = items.EnumerateArray().First(e => e.GetProperty("route").GetString() == "/api/v1/cdrs");
        Assert.Equal("GET", search.GetProperty("method").GetString());
        Assert.Equal("?number=4930&format=csv", search.GetProperty("resource").GetString());
        Assert.Equal("127.0.0.1", search.GetProperty("sourceIp").GetString());
        Assert.Equal("audit-pd", search.GetProperty("tenantId").GetString());
        Assert.Equal(200, search.GetProperty("status").GetInt32());
        Assert.Contains(items.EnumerateArray(), e => e.GetProperty("route").GetString() == "/api/v1/tenants/{tenantId}/extensions");
    }

    [Fact]
    public async Task Read_IsNotRecorded()
    {
        var before = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/audit?limit=1000")).RootElement.GetProperty("items").GetArrayLength();
        await host.Operator.GetStringAsync("/api/v1/keys");

        var after = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/audit?limit=1000")).RootElement.GetProperty("items").GetArrayLength();

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task List_Paged_FollowsNext()
    {
        for (var i = 0; i < 3; i++)
        {
            await host.Operator.DeleteAsync($"/api/v1/keys/key-nothere{i}");
        }

        var first = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/audit?limit=2")).RootElement;
        var next = first.GetProperty("next").GetString();
        var second = JsonDocument.Parse(await host.Operator.GetStringAsync($"/api/v1/audit?limit=2&before={next}")).RootElement;

        var firstIds = first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entryId").GetInt64()).ToList();
        var secondIds = second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entryId").GetInt64()).ToList();
        Assert.Equal(2, firstIds.Count);
        Assert.NotEmpty(secondIds);
        Assert.True(secondIds.Max() < firstIds.Min());
    }

    [Fact]
    public async Task List_BadPaging_Returns400()
    {
        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/audit?limit=0&before=x"), "limit", "before");
    }

    [Fact]
    public async Task List_TenantKey_SeesOnlyItsTenantsKeys()
    {
        using var acme = await host.ClientWithNewKeyAsync("tenant-admin", "acme");
        await host.Operator.DeleteAsync("/api/v1/keys/key-operatorwrite");
        await acme.DeleteAsync("/api/v1/keys/key-acmewrite"); // refused with 403, still audited as acme's attempt

        var page = JsonDocument.Parse(await acme.GetStringAsync("/api/v1/audit")).RootElement;

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, e => Assert.Equal("acme", e.GetProperty("tenantId").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync("/api/v1/audit")).StatusCode);
    }
}
