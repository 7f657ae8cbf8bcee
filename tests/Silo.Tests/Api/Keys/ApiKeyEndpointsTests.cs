using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Switchboard.Silo.Tests.Api.Keys;

public sealed class ApiKeyEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Create_Operator_ReturnsKeyOnceAndStoresOnlyItsHash()
    {
        var response = await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = "noc dashboard", role = "read-only" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var key = created.GetProperty("key").GetString()!;
        var keyId = created.GetProperty("info").GetProperty("keyId").GetString()!;
        Assert.StartsWith("sbk_", key);
        Assert.Equal("read-only", created.GetProperty("info").GetProperty("role").GetString());

        var listed = await host.Operator.GetStringAsync("/api/v1/keys");
        Assert.Contains(keyId, listed);
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);

        await using var connection = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key_hash, key_prefix FROM api_keys WHERE key_id = $1", connection);
        command.Parameters.AddWithValue(keyId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Switchboard.Silo.Api.Keys.ApiKeySecret.Hash(key), reader.GetString(0));
        Assert.StartsWith(reader.GetString(1), key, StringComparison.Ordinal);
        Assert.NotEqual(key, reader.GetString(1));
    }

    [Fact]
    public async Task Create_NewKey_AuthenticatesUntilRevoked()
    {
        var response = await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = "short-lived", role = "operator" });
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        using var client = host.Client(created.GetProperty("key").GetString());
        var keyId = created.GetProperty("info").GetProperty("keyId").GetString();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Operator.DeleteAsync($"/api/v1/keys/{keyId}")).StatusCode);
        await ProblemAssert.Status(await client.GetAsync("/api/v1/keys"), HttpStatusCode.Unauthorized);
        Assert.Contains("\"revokedAt\"", await host.Operator.GetStringAsync("/api/v1/keys"));
    }

    [Fact]
    public async Task Revoke_UnknownKey_Returns404()
    {
        await ProblemAssert.Status(await host.Operator.DeleteAsync("/api/v1/keys/key-000000000000"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_BadInput_Returns400WithFieldErrorsAndCreatesNothing()
    {
        var before = await host.Operator.GetStringAsync("/api/v1/keys");

        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = "", role = "admin" }), "name", "role");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = "t", role = "tenant-admin" }), "tenantId");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = "t", role = "operator", tenantId = "demo" }), "tenantId");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = "t", role = "tenant-admin", tenantId = "no-such-tenant" }), "tenantId");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/keys", new { name = 5, role = "operator" }), "name");
        using var notJson = new StringContent("not json", System.Text.Encoding.UTF8, "application/json");
        await ProblemAssert.Invalid(await host.Operator.PostAsync("/api/v1/keys", notJson), "body");

        Assert.Equal(before, await host.Operator.GetStringAsync("/api/v1/keys"));
    }

    [Theory]
    [InlineData("tenant-admin", "acme")]
    [InlineData("read-only", null)]
    public async Task Keys_NonOperator_Returns403(string role, string? tenantId)
    {
        using var client = await host.ClientWithNewKeyAsync(role, tenantId);

        await ProblemAssert.Status(await client.GetAsync("/api/v1/keys"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await client.PostAsJsonAsync("/api/v1/keys", new { name = "escalate", role = "operator" }), HttpStatusCode.Forbidden);
    }
}
