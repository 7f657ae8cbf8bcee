using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Observability;

public sealed class DashboardAuthTests
{
    [Fact]
    public async Task Dashboard_NoKey_401_OperatorKey_200_ReadOnlyKey_403()
    {
        var operatorKey = $"sbk_test_{Guid.NewGuid():N}";
        await using var silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = operatorKey });
        using var http = silo.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(http, "/dashboard/", "sbk_not_a_key_at_all_0000000000000000")).StatusCode);

        using var page = await Get(http, "/dashboard/", operatorKey);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        using var counters = await Get(http, "/dashboard/DashboardCounters", operatorKey);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);

        var readOnlyKey = await CreateKeyAsync(http, operatorKey, "read-only");
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(http, "/dashboard/", readOnlyKey)).StatusCode);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request);
    }

    internal static async Task<string> CreateKeyAsync(HttpClient http, string operatorKey, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/keys")
        {
            Content = JsonContent.Create(new { name = "observability-test", role }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("key").GetString()!;
    }
}
