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

        var (readOnlyKey, _) = await CreateKeyAsync(http, operatorKey, "read-only");
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(http, "/dashboard/", readOnlyKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, HttpMethod.Post, "/ops/api/dashboard-session", readOnlyKey)).StatusCode);
    }

    [Fact]
    public async Task DashboardSession_OperatorKeyGetsCookie_RevokingTheKeyEndsIt()
    {
        var bootstrapKey = $"sbk_test_{Guid.NewGuid():N}";
        await using var silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = bootstrapKey });
        using var http = silo.CreateHttpClient();
        var (operatorKey, keyId) = await CreateKeyAsync(http, bootstrapKey, "operator");

        using var session = await Send(http, HttpMethod.Post, "/ops/api/dashboard-session", operatorKey);
        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var cookiePair = cookie.Split(';')[0];

        // What the dashboard's own scripts do: no Authorization header, only the cookie.
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(http, "/dashboard/DashboardCounters", cookiePair)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Send(http, HttpMethod.Delete, $"/api/v1/keys/{keyId}", bootstrapKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(http, "/dashboard/DashboardCounters", cookiePair)).StatusCode);
    }

    private static async Task<HttpResponseMessage> WithCookie(HttpClient http, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request);
    }

    internal static async Task<(string Key, string KeyId)> CreateKeyAsync(HttpClient http, string operatorKey, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/keys")
        {
            Content = JsonContent.Create(new { name = "observability-test", role }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("key").GetString()!, body.RootElement.GetProperty("info").GetProperty("keyId").GetString()!);
    }
}
