using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Silo.Api.Keys;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Api.Tenants;

public sealed class TenantEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Create_Operator_Returns201AndTheTenant()
    {
        var response = await host.Operator.PostAsJsonAsync("/api/v1/tenants", new
        {
            tenantId = "alpha", name = "Alpha", sipDomain = "alpha.example.com", accountId = "acct-alpha",
            policies = new { ringTimeoutSeconds = 20, maxCallDurationSeconds = 3600, outboundAllowed = false },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tenant = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/alpha")).RootElement;
        Assert.Equal("alpha.example.com", tenant.GetProperty("sipDomain").GetString());
        Assert.Equal("active", tenant.GetProperty("status").GetString());
        Assert.Equal(20, tenant.GetProperty("policies").GetProperty("ringTimeoutSeconds").GetInt32());
        Assert.False(tenant.GetProperty("policies").GetProperty("outboundAllowed").GetBoolean());
    }

    [Fact]
    public async Task Create_Duplicate_Returns409()
    {
        await ApiSeed.TenantAsync(host.Operator, "dup");

        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/tenants",
            new { tenantId = "dup", name = "Again", sipDomain = "other.example.com", accountId = "acct-dup" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_ConcurrentForTheSameId_OneGets201TheOthers409()
    {
        var creates = Enumerable.Range(0, 6).Select(i => host.Operator.PostAsJsonAsync("/api/v1/tenants",
            new { tenantId = "race-t", name = "Race " + i, sipDomain = "race-t.example.com", accountId = "acct-race-t" })).ToList();

        var statuses = (await Task.WhenAll(creates)).Select(r => r.StatusCode).ToList();

        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
    }

    [Fact]
    public async Task Create_SipDomainOfAnotherTenant_Returns409AndCreatesNothing()
    {
        await ApiSeed.TenantAsync(host.Operator, "owner");

        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/tenants",
            new { tenantId = "thief", name = "Thief", sipDomain = "owner.pbx.example.com", accountId = "acct-thief" }), HttpStatusCode.Conflict);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/thief"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_BadInput_Returns400PerFieldAndCreatesNothing()
    {
        var response = await host.Operator.PostAsJsonAsync("/api/v1/tenants", new
        {
            tenantId = "9bad", name = "", sipDomain = "not a domain", accountId = "ACCT", status = "frozen",
            policies = new { ringTimeoutSeconds = 0 },
        });

        await ProblemAssert.Invalid(response, "tenantId", "name", "sipDomain", "accountId", "status", "policies.ringTimeoutSeconds");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/tenants",
            new { tenantId = "gamma", name = "G", sipDomain = "gamma.example.com", accountId = "acct-gamma", policies = new { ringTimeoutSeconds = "x" } }),
            "policies.ringTimeoutSeconds");
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/gamma"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_Operator_ChangesSettings()
    {
        await ApiSeed.TenantAsync(host.Operator, "beta");

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/beta",
            new { name = "Beta AG", sipDomain = "beta.example.org", accountId = "acct-beta", status = "suspended" }));

        var tenant = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/beta")).RootElement;
        Assert.Equal("Beta AG", tenant.GetProperty("name").GetString());
        Assert.Equal("suspended", tenant.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Policies_DigestAlgorithms_Md5OnlyUntilOptedInThenInTheGivenOrder()
    {
        await ApiSeed.TenantAsync(host.Operator, "digest-t");
        var before = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/digest-t")).RootElement;
        Assert.Equal("[\"md5\"]", before.GetProperty("policies").GetProperty("digestAlgorithms").GetRawText());

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/digest-t/policies", new { digestAlgorithms = new[] { "sha256", "md5" } }));

        var after = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/digest-t")).RootElement;
        Assert.Equal("[\"sha256\",\"md5\"]", after.GetProperty("policies").GetProperty("digestAlgorithms").GetRawText());
        Assert.Equal([Switchboard.Grains.Extensions.DigestAlgorithm.Sha256, Switchboard.Grains.Extensions.DigestAlgorithm.Md5],
            await host.Silo.GrainFactory.GetGrain<Switchboard.Grains.Tenants.ITenantGrain>("digest-t").GetDigestAlgorithms());
    }

    [Theory]
    [InlineData("md5,md5")]
    [InlineData("sha1")]
    public async Task Policies_BadDigestAlgorithms_Returns400NamingTheField(string algorithms)
    {
        var tenantId = "digest-bad-" + algorithms.Length;
        await ApiSeed.TenantAsync(host.Operator, tenantId);

        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync($"/api/v1/tenants/{tenantId}/policies",
            new { digestAlgorithms = algorithms.Split(',') }), "digestAlgorithms");
    }

    [Fact]
    public async Task Update_Unknown_Returns404()
    {
        await ProblemAssert.Status(await host.Operator.PutAsJsonAsync("/api/v1/tenants/nobody",
            new { name = "N", sipDomain = "n.example.com", accountId = "acct-n" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TenantAdmin_ReadsAndSetsPoliciesOfItsOwnTenantOnly()
    {
        await ApiSeed.TenantAsync(host.Operator, "mine");
        await ApiSeed.TenantAsync(host.Operator, "theirs");
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "mine");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/tenants/mine")).StatusCode);
        await ApiSeed.Ok(await admin.PutAsJsonAsync("/api/v1/tenants/mine/policies", new { ringTimeoutSeconds = 45 }));

        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/theirs"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/theirs/policies", new { ringTimeoutSeconds = 5 }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/mine",
            new { name = "M", sipDomain = "m.example.com", accountId = "acct-mine" }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PostAsJsonAsync("/api/v1/tenants",
            new { tenantId = "sneaky", name = "S", sipDomain = "s.example.com", accountId = "acct-s" }), HttpStatusCode.Forbidden);

        var theirs = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/theirs")).RootElement;
        Assert.Equal(30, theirs.GetProperty("policies").GetProperty("ringTimeoutSeconds").GetInt32());
        var mine = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/mine")).RootElement;
        Assert.Equal(45, mine.GetProperty("policies").GetProperty("ringTimeoutSeconds").GetInt32());
    }

    [Fact]
    public async Task ReadOnly_ReadsButNeverWrites()
    {
        await ApiSeed.TenantAsync(host.Operator, "watched");
        using var reader = await host.ClientWithNewKeyAsync("read-only");

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/tenants/watched")).StatusCode);
        await ProblemAssert.Status(await reader.PutAsJsonAsync("/api/v1/tenants/watched/policies", new { ringTimeoutSeconds = 5 }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_Operator_PagesThroughEveryTenantOnceInOrder()
    {
        foreach (var id in new[] { "list-c", "list-a", "list-b" })
        {
            await ApiSeed.TenantAsync(host.Operator, id);
        }

        var ids = new List<string>();
        string? next = "0";
        while (next is not null)
        {
            var page = await PageAsync(host.Operator, $"/api/v1/tenants?limit=2&offset={next}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 0, 2);
            ids.AddRange(items.Select(t => t.GetProperty("tenantId").GetString()!));
            next = page.GetProperty("next").GetString();
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { "list-a", "list-b", "list-c" });
        var first = await PageAsync(host.Operator, "/api/v1/tenants");
        var listed = first.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("tenantId").GetString() == "list-a");
        Assert.Equal("list-a.pbx.example.com", listed.GetProperty("sipDomain").GetString());
        Assert.Equal("acct-list-a", listed.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task List_RetriedCreate_ListsTheTenantOnce()
    {
        await ApiSeed.TenantAsync(host.Operator, "resent");
        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/tenants",
            new { tenantId = "resent", name = "resent GmbH", sipDomain = "resent.pbx.example.com", accountId = "acct-resent" }), HttpStatusCode.Conflict);
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/resent",
            new { name = "Resent AG", sipDomain = "resent.pbx.example.com", accountId = "acct-resent" }));

        var ids = TenantIds(await PageAsync(host.Operator, "/api/v1/tenants?limit=1000"));

        Assert.Single(ids, id => id == "resent");
    }

    [Fact]
    public async Task List_TenantAdmin_SeesOnlyItsOwnTenant()
    {
        await ApiSeed.TenantAsync(host.Operator, "list-own");
        await ApiSeed.TenantAsync(host.Operator, "list-other");
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "list-own");

        var page = await PageAsync(admin, "/api/v1/tenants");

        Assert.Equal(["list-own"], TenantIds(page));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        Assert.Empty(TenantIds(await PageAsync(admin, "/api/v1/tenants?offset=1")));
    }

    [Fact]
    public async Task List_ReadOnly_UnboundSeesAllTenantsAndBoundOnlyItsOwn()
    {
        await ApiSeed.TenantAsync(host.Operator, "ro-one");
        await ApiSeed.TenantAsync(host.Operator, "ro-two");
        using var everyone = await host.ClientWithNewKeyAsync("read-only");
        using var bound = await host.ClientWithNewKeyAsync("read-only", "ro-two");

        Assert.Subset(TenantIds(await PageAsync(everyone, "/api/v1/tenants?limit=1000")).ToHashSet(), new HashSet<string> { "ro-one", "ro-two" });
        Assert.Equal(["ro-two"], TenantIds(await PageAsync(bound, "/api/v1/tenants")));
    }

    [Fact]
    public async Task List_BadPaging_Returns400PerField()
    {
        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/tenants?limit=0&offset=-1"), "limit", "offset");
        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/tenants?limit=abc"), "limit");
        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/tenants?limit=1001"), "limit");
    }

    [Fact]
    public async Task List_AfterTheSiloRestartsOnPostgres_StillListsTenantsAndExtensions()
    {
        var key = ApiKeySecret.Generate();
        var settings = new Dictionary<string, string?> { ["Admin:BootstrapKey"] = key };
        string connectionString;
        await using (var first = await RunningSilo.StartAsync(postgres: true, settings))
        {
            connectionString = first.PostgresConnectionString!;
            using var op = Authorized(first.CreateHttpClient(), key);
            await ApiSeed.TenantAsync(op, "kept");
            await ApiSeed.Ok(await op.PostAsJsonAsync("/api/v1/tenants/kept/extensions", new { number = "1001", password = "correct horse battery" }));
            await ApiSeed.Ok(await op.PostAsJsonAsync("/api/v1/tenants/kept/extensions", new { number = "1002", password = "correct horse battery" }));
            Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync("/api/v1/tenants/kept/extensions/1001")).StatusCode);
        }

        settings["ConnectionStrings:Postgres"] = connectionString;
        await using var second = await RunningSilo.StartAsync(postgres: false, settings);
        using var client = Authorized(second.CreateHttpClient(), key);

        Assert.Equal(["kept"], TenantIds(await PageAsync(client, "/api/v1/tenants")));
        var extensions = await PageAsync(client, "/api/v1/tenants/kept/extensions");
        Assert.Equal(["1002"], extensions.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("number").GetString()));
    }

    private static HttpClient Authorized(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await ApiSeed.Ok(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> TenantIds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("tenantId").GetString()!)];
}
