using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.Emergency;

/// <summary>
/// /tenants/{id}/emergency: the tenant reads its emergency numbers; only an operator sets them (a listed number is
/// routed unbilled), and the tenant grain's rules come back as 400s. An extension's location is the tenant's to set.
/// </summary>
public sealed class EmergencyEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Default_112And911_UntilAnOperatorSetsACountry_TenantAdminCannot()
    {
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "sos-set");
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/sos-set/trunks/psap", new { host = "psap.carrier.example", port = 5060 }));

        var initial = await ReadAsync(admin, "sos-set");
        Assert.False(initial.GetProperty("configured").GetBoolean());
        Assert.Equal(["112", "911"], Strings(initial, "emergencyNumbers"));

        var policy = new { country = "gb", numbers = new[] { "116123" }, trunkId = "psap", callbackNumber = "+442079460000", location = "https://lis.example/site-1" };
        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/sos-set/emergency", policy), HttpStatusCode.Forbidden);
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/sos-set/emergency", policy));

        var set = await ReadAsync(admin, "sos-set");
        Assert.True(set.GetProperty("configured").GetBoolean());
        Assert.Equal("GB", set.GetProperty("country").GetString());
        Assert.Equal(["999", "112", "116123"], Strings(set, "emergencyNumbers"));
        Assert.Equal(("psap", "442079460000", "https://lis.example/site-1"),
            (set.GetProperty("trunkId").GetString(), set.GetProperty("callbackNumber").GetString(), set.GetProperty("location").GetString()));

        await ProblemAssert.Status(await admin.DeleteAsync("/api/v1/tenants/sos-set/emergency"), HttpStatusCode.Forbidden);
        await ApiSeed.Ok(await host.Operator.DeleteAsync("/api/v1/tenants/sos-set/emergency"));
        Assert.Equal(["112", "911"], Strings(await ReadAsync(admin, "sos-set"), "emergencyNumbers"));
    }

    [Fact]
    public async Task BadPolicy_400_UnknownTenant_404()
    {
        await ApiSeed.TenantAsync(host.Operator, "sos-bad");

        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/sos-bad/emergency", new { country = "XX" }), "body");
        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/sos-bad/emergency", new { numbers = new[] { "0044 20" } }), "body");
        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/sos-bad/emergency", new { trunkId = "none" }), "body");
        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/sos-bad/emergency", new { location = "javascript:alert(1)" }), "body");
        await ProblemAssert.Status(await host.Operator.PutAsJsonAsync("/api/v1/tenants/sos-none/emergency", new { country = "DE" }), HttpStatusCode.NotFound);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/sos-none/emergency"), HttpStatusCode.NotFound);
        Assert.False((await ReadAsync(host.Operator, "sos-bad")).GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task ExtensionLocation_SetByTheTenant_KeptWhenAbsent_RemovedWhenEmpty_Validated()
    {
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "sos-ext");
        const string url = "/api/v1/tenants/sos-ext/extensions";
        await ApiSeed.Ok(await admin.PostAsJsonAsync(url, new { number = "1001", password = "ext-pass-1001", emergencyLocation = "https://lis.example/desk-1" }));
        Assert.Equal("https://lis.example/desk-1", await LocationAsync(admin));

        await ApiSeed.Ok(await admin.PutAsJsonAsync(url + "/1001", new { displayName = "Desk 1" }));
        Assert.Equal("https://lis.example/desk-1", await LocationAsync(admin));

        await ProblemAssert.Invalid(await admin.PutAsJsonAsync(url + "/1001", new { emergencyLocation = "https://lis.example/a b" }), "emergencyLocation");
        await ApiSeed.Ok(await admin.PutAsJsonAsync(url + "/1001", new { emergencyLocation = "" }));
        Assert.Null(await LocationAsync(admin));
    }

    private static async Task<string?> LocationAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/v1/tenants/sos-ext/extensions/1001")).RootElement
            .GetProperty("settings").GetProperty("emergencyLocation").GetString();

    private static async Task<JsonElement> ReadAsync(HttpClient client, string tenantId) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/tenants/{tenantId}/emergency")).RootElement.Clone();

    private static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
