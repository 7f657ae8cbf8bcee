using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Switchboard.Silo.Api.Keys;
using Switchboard.Silo.Hosting;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Silo.Tests.Api.Keys;

public sealed partial class BootstrapKeyServiceTests
{
    [Fact]
    public async Task Embedded_BannerPrintsAWorkingOperatorKey()
    {
        await using var silo = await RunningSilo.StartAsync();

        var key = KeyInBanner(silo);

        using var http = silo.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task Postgres_EmptyKeyTable_CreatesOneKeyAndASecondSiloCreatesNone()
    {
        await using var first = await RunningSilo.StartAsync(postgres: true);
        var key = KeyInBanner(first);

        await using var second = await RunningSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = first.PostgresConnectionString,
            ["Cluster:ClusterId"] = first.Configuration["Cluster:ClusterId"],
        });

        Assert.Null(second.Services.GetRequiredService<BootstrapKeyState>().CreatedKey);
        Assert.DoesNotContain("sbk_", Banner(second));
        using var http = second.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/keys")).StatusCode);
        await using var connection = new NpgsqlConnection(first.PostgresConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM api_keys", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Store_ConcurrentBootstraps_AddExactlyOneKey()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("keys");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresApiKeyStore(dataSource);

        var added = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
        {
            var secret = ApiKeySecret.Generate();
            return store.AddIfEmptyAsync(new ApiKey($"key-{i}", "bootstrap", ApiKeyRole.Operator, null, ApiKeySecret.Hash(secret),
                ApiKeySecret.Prefix(secret), DateTimeOffset.UtcNow, "bootstrap", null), CancellationToken.None);
        }));

        Assert.Single(added, a => a);
        Assert.Single(await store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Configured_ShortKey_FailsNamingTheKey()
    {
        var ex = await Assert.ThrowsAsync<ConfigurationException>(() =>
            RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = "letmein" }));

        Assert.Equal("Admin:BootstrapKey", ex.Key);
    }

    private static string KeyInBanner(RunningSilo silo)
    {
        var match = KeyPattern().Match(Banner(silo));
        Assert.True(match.Success, Banner(silo));
        return match.Value;
    }

    private static string Banner(RunningSilo silo) =>
        silo.Services.GetServices<IHostedService>().OfType<StartupBanner>().Single().Render();

    [GeneratedRegex("sbk_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyPattern();
}
