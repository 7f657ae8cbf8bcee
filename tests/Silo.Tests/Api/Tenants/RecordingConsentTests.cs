using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Switchboard.Silo.Tests.Api.Tenants;

/// <summary>
/// Recording consent in the data model: the tenant's "recording allowed" and the subscriber's opt-in, both off
/// unless set, kept by partial updates, and both changes on the audit trail.
/// </summary>
public sealed class RecordingConsentTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task TenantAllowsAndSubscriberOptsIn_BothShownKeptAndAudited()
    {
        await ApiSeed.TenantAsync(host.Operator, "rec-a");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/rec-a/extensions", new { number = "1001", password = "s3cret-Passw0rd!" }));
        Assert.False(Policies(await host.Operator.GetStringAsync("/api/v1/tenants/rec-a")).GetProperty("recordingAllowed").GetBoolean());
        Assert.False(Settings(await host.Operator.GetStringAsync("/api/v1/tenants/rec-a/extensions/1001")).GetProperty("recordingOptIn").GetBoolean());

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/rec-a/policies", new { recordingAllowed = true }));
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/rec-a/policies", new { ringTimeoutSeconds = 20 }));
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/rec-a/extensions/1001", new { recordingOptIn = true }));
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/rec-a/extensions/1001", new { displayName = "Reception" }));

        Assert.True(Policies(await host.Operator.GetStringAsync("/api/v1/tenants/rec-a")).GetProperty("recordingAllowed").GetBoolean());
        Assert.True(Settings(await host.Operator.GetStringAsync("/api/v1/tenants/rec-a/extensions/1001")).GetProperty("recordingOptIn").GetBoolean());
        await using var db = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var audit = new NpgsqlCommand(
            "SELECT count(*) FROM audit_log WHERE method = 'PUT' AND resource LIKE '%rec-a%' AND (route LIKE '%/policies' OR route LIKE '%/extensions/{number}')", db);
        Assert.Equal(4L, await audit.ExecuteScalarAsync());
    }

    private static JsonElement Policies(string tenant) => JsonDocument.Parse(tenant).RootElement.GetProperty("policies");

    private static JsonElement Settings(string extension) => JsonDocument.Parse(extension).RootElement.GetProperty("settings");
}
