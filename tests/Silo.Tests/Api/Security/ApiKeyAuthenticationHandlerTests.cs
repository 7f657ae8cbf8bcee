using System.Net;

namespace Switchboard.Silo.Tests.Api.Security;

public sealed class ApiKeyAuthenticationHandlerTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Request_NoKey_Returns401Problem()
    {
        using var anonymous = host.Client(key: null);

        var response = await anonymous.GetAsync("/api/v1/keys");

        await ProblemAssert.Status(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Request_UnknownKey_Returns401Problem()
    {
        using var stranger = host.Client(Switchboard.Silo.Api.Keys.ApiKeySecret.Generate());

        await ProblemAssert.Status(await stranger.GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_XApiKeyHeader_IsAccepted()
    {
        using var client = host.Client(key: null);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiHost.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_IsServedWithoutAKeyAndDescribesTheApi()
    {
        using var anonymous = host.Client(key: null);

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/keys\"", document);
        Assert.Contains("\"bearer\"", document);
    }

    [Fact]
    public async Task Health_StaysOpen()
    {
        using var anonymous = host.Client(key: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }
}
