using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
}
