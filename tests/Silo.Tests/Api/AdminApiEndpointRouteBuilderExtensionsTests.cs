using System.Net;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api;

public sealed class AdminApiEndpointRouteBuilderExtensionsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task OpenApi_DescribesEveryResourceWithTheKeyScheme()
    {
        using var anonymous = host.Client(key: null);

        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/api/v1/keys", "/api/v1/audit", "/api/v1/tenants", "/api/v1/tenants/{tenantId}/policies",
            "/api/v1/tenants/{tenantId}/trunks/{trunkId}", "/api/v1/tenants/{tenantId}/dids/{number}",
            "/api/v1/tenants/{tenantId}/extensions/{number}", "/api/v1/accounts/{accountId}/credits",
            "/api/v1/accounts/{accountId}/lock", "/api/v1/accounts/{accountId}/ledger", "/api/v1/accounts/{accountId}/topups",
            "/api/v1/topups", "/api/v1/rate-plans/{planId}", "/api/v1/rate-plans/{planId}/rates", "/api/v1/cdrs",
            "/api/v1/tenants/{tenantId}/calls", "/api/v1/calls/{callId}/hangup", "/api/v1/fraud-alerts",
            "/api/v1/tenants/{tenantId}/outbound-block", "/api/v1/tenants/{tenantId}/fraud-webhook", "/api/v1/bans/{address}",
        }, paths);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("paths").GetProperty("/api/v1/tenants/{tenantId}/policies").TryGetProperty("patch", out _));
        var createTenant = document.GetProperty("paths").GetProperty("/api/v1/tenants").GetProperty("post");
        Assert.True(createTenant.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        await ProblemAssert.Status(await host.Operator.PatchAsync("/api/v1/keys", null), HttpStatusCode.MethodNotAllowed);
    }
}
