using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.Tenants;

/// <summary>Policies merge (PUT and PATCH), and an operator's outbound block that a tenant admin cannot lift.</summary>
public sealed class TenantPoliciesTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private async Task<JsonElement> PoliciesAsync(HttpClient client, string tenantId) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/tenants/{tenantId}")).RootElement.GetProperty("policies").Clone();

    [Fact]
    public async Task PartialPut_KeepsOmittedFields_SoOutboundStaysOff()
    {
        await ApiSeed.TenantAsync(host.Operator, "pol-merge");
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/pol-merge/policies",
            new { outboundAllowed = false, digestAlgorithms = new[] { "sha256", "md5" } }));

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/pol-merge/policies", new { ringTimeoutSeconds = 20 }));
        using var patch = new StringContent("""{"maxCallDurationSeconds": 600}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        await ApiSeed.Ok(await host.Operator.PatchAsync("/api/v1/tenants/pol-merge/policies", patch));
        // The tenant's own PUT without policies keeps them too.
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/pol-merge",
            new { name = "Renamed", sipDomain = "pol-merge.pbx.example.com", accountId = "acct-pol-merge" }));

        var policies = await PoliciesAsync(host.Operator, "pol-merge");
        Assert.False(policies.GetProperty("outboundAllowed").GetBoolean());
        Assert.Equal(20, policies.GetProperty("ringTimeoutSeconds").GetInt32());
        Assert.Equal(600, policies.GetProperty("maxCallDurationSeconds").GetInt32());
        Assert.Equal(["sha256", "md5"], policies.GetProperty("digestAlgorithms").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task OutboundBlock_TenantAdminCannotLiftIt_OperatorCan()
    {
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "pol-block");
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/pol-block/outbound-block", new { reason = "suspected IRSF" }));

        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/pol-block/policies", new { outboundAllowed = true }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.DeleteAsync("/api/v1/tenants/pol-block/outbound-block"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/pol-block/outbound-block", new { reason = "mine" }), HttpStatusCode.Forbidden);
        // Other policies stay the tenant admin's to change while blocked.
        await ApiSeed.Ok(await admin.PutAsJsonAsync("/api/v1/tenants/pol-block/policies", new { ringTimeoutSeconds = 25 }));

        var blocked = await PoliciesAsync(admin, "pol-block");
        Assert.False(blocked.GetProperty("outboundAllowed").GetBoolean());
        Assert.Equal("suspected IRSF", blocked.GetProperty("outboundBlock").GetProperty("reason").GetString());
        Assert.Equal(25, blocked.GetProperty("ringTimeoutSeconds").GetInt32());

        await ApiSeed.Ok(await host.Operator.DeleteAsync("/api/v1/tenants/pol-block/outbound-block"));
        var lifted = await PoliciesAsync(admin, "pol-block");
        Assert.True(lifted.GetProperty("outboundAllowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lifted.GetProperty("outboundBlock").ValueKind);
    }

    [Fact]
    public async Task OutboundBlock_BadInputOrUnknownTenant_400And404()
    {
        await ApiSeed.TenantAsync(host.Operator, "pol-bad");

        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/pol-bad/outbound-block", new { reason = "" }), "reason");
        await ProblemAssert.Status(await host.Operator.PutAsJsonAsync("/api/v1/tenants/pol-none/outbound-block", new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FraudWebhook_SecretWriteOnly_PrivateOrPlainHttpUrlsRefused()
    {
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "pol-hook");
        const string secret = "tenant-webhook-secret-0123456789abcdef";

        await ProblemAssert.Invalid(await admin.PutAsJsonAsync("/api/v1/tenants/pol-hook/fraud-webhook",
            new { url = "https://127.0.0.1:8080/api/v1/keys", secret }), "url");
        await ProblemAssert.Invalid(await admin.PutAsJsonAsync("/api/v1/tenants/pol-hook/fraud-webhook",
            new { url = "https://169.254.169.254/latest", secret }), "url");
        await ProblemAssert.Invalid(await admin.PutAsJsonAsync("/api/v1/tenants/pol-hook/fraud-webhook",
            new { url = "http://hooks.example.com/fraud", secret }), "url");
        await ProblemAssert.Invalid(await admin.PutAsJsonAsync("/api/v1/tenants/pol-hook/fraud-webhook",
            new { url = "https://hooks.example.com/fraud", secret = "short" }), "secret");

        var set = await admin.PutAsJsonAsync("/api/v1/tenants/pol-hook/fraud-webhook", new { url = "https://hooks.example.com/fraud", secret });
        await ApiSeed.Ok(set);
        var tenant = await admin.GetStringAsync("/api/v1/tenants/pol-hook");
        Assert.Contains("https://hooks.example.com/fraud", tenant, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, tenant + await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await ApiSeed.Ok(await admin.DeleteAsync("/api/v1/tenants/pol-hook/fraud-webhook"));
        var cleared = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/tenants/pol-hook")).RootElement;
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("fraudWebhookUrl").ValueKind);
    }
}
