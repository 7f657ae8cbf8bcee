using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Silo.Api.Keys;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Api;

/// <summary>
/// One real silo with a fresh PostgreSQL database per test class (IClassFixture), reached over HTTP like an
/// operator's curl. The operator key comes in through <c>Admin:BootstrapKey</c>, the documented path.
/// </summary>
public sealed class AdminApiHost : IAsyncLifetime
{
    public static readonly string OperatorKey = ApiKeySecret.Generate();

    public RunningSilo Silo { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await RunningSilo.StartAsync(postgres: true, new Dictionary<string, string?> { ["Admin:BootstrapKey"] = OperatorKey });
        Operator = Client(OperatorKey);
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        await Silo.DisposeAsync();
    }

    public HttpClient Client(string? key)
    {
        var http = Silo.CreateHttpClient();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>Creates a key through the API (and its tenant, when that does not exist yet) and returns a client that sends it.</summary>
    public async Task<HttpClient> ClientWithNewKeyAsync(string role, string? tenantId = null)
    {
        if (tenantId is not null && (await Operator.GetAsync($"/api/v1/tenants/{tenantId}")).StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await ApiSeed.TenantAsync(Operator, tenantId);
        }

        var response = await Operator.PostAsJsonAsync("/api/v1/keys", new { name = $"{role} {tenantId}", role, tenantId });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return Client(body.RootElement.GetProperty("key").GetString());
    }
}
