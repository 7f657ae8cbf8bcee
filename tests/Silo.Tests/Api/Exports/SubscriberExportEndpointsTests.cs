using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Switchboard.Silo.Tests.Api.Exports;

/// <summary>The subscriber export against what a real silo's PostgreSQL really holds.</summary>
public sealed class SubscriberExportEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string Password = "s3cret-Passw0rd!";

    [Fact]
    public async Task AccountExport_HoldsEveryRowAndColumnTheDatabaseHasAboutIt_AndNothingOfOthers()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "exp-a", credit: 10m);
        await ApiSeed.TenantWithAccountAsync(host.Operator, "exp-other", credit: 10m);
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/exp-a/extensions", new { number = "1001", displayName = "Alice", password = Password }));
        await Cdr("exp-a-1", "acct-exp-a", "exp-a", "1001");
        await Cdr("exp-a-2", "acct-exp-a", "exp-a", "1002");
        await Cdr("exp-other-1", "acct-exp-other", "exp-other", "1001");
        await Sql("INSERT INTO fraud_alerts (alert_id, account_id, tenant_id, rule, reason, destination, raised_at) VALUES (gen_random_uuid(), 'acct-exp-a', 'exp-a', 'r', 'r', '4930', now())");

        var response = await host.Operator.GetAsync("/api/v1/accounts/acct-exp-a/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"account-acct-exp-a.json\"", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(text).RootElement;
        Assert.Equal("account", export.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Contains("\"callId\":\"exp-a-1\"", text);
        Assert.Equal(["exp-a-1", "exp-a-2"], export.GetProperty("cdrs").EnumerateArray().Select(c => c.GetProperty("callId").GetString()));
        Assert.Equal(await Columns("cdrs"), export.GetProperty("cdrs")[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(await Columns("ledger"), export.GetProperty("ledger")[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(10m, export.GetProperty("ledger").EnumerateArray().Sum(e => e.GetProperty("amount").GetDecimal()));
        Assert.Equal(await Scalar("SELECT balance FROM accounts WHERE account_id = 'acct-exp-a'"), export.GetProperty("account")[0].GetProperty("balance").GetDecimal());
        Assert.Single(export.GetProperty("fraudAlerts").EnumerateArray());
        Assert.Equal("1001", Assert.Single(export.GetProperty("extensions").EnumerateArray()).GetProperty("extension").GetProperty("number").GetString());
        Assert.Contains(export.GetProperty("audit").EnumerateArray(), e => e.GetProperty("resource").GetString() == "acct-exp-a/credits/seed-exp-a");
        Assert.DoesNotContain("exp-other-1", text);
        Assert.DoesNotContain(Password, text);
        Assert.DoesNotContain("ha1", text, StringComparison.OrdinalIgnoreCase);

        // The export itself is a read of personal data, so it is on the audit trail.
        Assert.Equal(1m, await Scalar("SELECT count(*) FROM audit_log WHERE method = 'GET' AND route LIKE '%/export' AND resource = 'accountId=acct-exp-a'"));
    }

    [Fact]
    public async Task ExtensionExport_HoldsItsCallsAndBindings_TenantExportHoldsTheTenant()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "exp-b", credit: 5m);
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/exp-b/extensions", new { number = "2001", displayName = "Bob", password = Password }));
        await Cdr("exp-b-1", "acct-exp-b", "exp-b", "2001");
        await Cdr("exp-b-2", "acct-exp-b", "exp-b", "2002");
        var registered = await host.Silo.GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For("exp-b", "2001")).Register(new RegisterRequest(
            "reg-exp-b", 1, [new ContactRequest("sip:2001@192.0.2.44:5060", 600, null, null, null)], false, null, [],
            new TransportAddress(SipTransport.Udp, "192.0.2.44", 5060), "edge-1", "Yealink SIP-T46U"));
        Assert.Equal(200, registered.Status);
        await host.Silo.Services.GetRequiredService<RegistrationHistory>().FlushAsync(default);

        var extension = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/exp-b/extensions/2001/export")).RootElement;
        var tenant = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/exp-b/export")).RootElement;

        Assert.Equal(["exp-b-1"], extension.GetProperty("cdrs").EnumerateArray().Select(c => c.GetProperty("callId").GetString()));
        Assert.Equal("Bob", extension.GetProperty("extensions")[0].GetProperty("extension").GetProperty("settings").GetProperty("displayName").GetString());
        Assert.Equal("sip:2001@192.0.2.44:5060",
            Assert.Single(extension.GetProperty("extensions")[0].GetProperty("bindings").EnumerateArray()).GetProperty("contactUri").GetString());
        Assert.Contains(extension.GetProperty("audit").EnumerateArray(), e => e.GetProperty("method").GetString() == "POST");
        var registration = Assert.Single(extension.GetProperty("registrations").EnumerateArray());
        Assert.Equal(("192.0.2.44", "Yealink SIP-T46U", 600L), (registration.GetProperty("sourceIp").GetString(),
            registration.GetProperty("userAgent").GetString(), registration.GetProperty("expires").GetInt64()));
        Assert.Equal("exp-b", tenant.GetProperty("tenant").GetProperty("tenantId").GetString());
        Assert.Equal(2, tenant.GetProperty("cdrs").GetArrayLength());
        Assert.Equal(["acct-exp-b"], tenant.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task Export_OtherTenantsAdminIsRefused_ReadOnlyKeyIsRefused_UnknownIs404()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "exp-c");
        using var stranger = await host.ClientWithNewKeyAsync("tenant-admin", "exp-stranger");
        using var reader = await host.ClientWithNewKeyAsync("read-only");

        await ProblemAssert.Status(await stranger.GetAsync("/api/v1/tenants/exp-c/export"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await stranger.GetAsync("/api/v1/accounts/acct-exp-c/export"), HttpStatusCode.NotFound);
        await ProblemAssert.Status(await reader.GetAsync("/api/v1/tenants/exp-c/export"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/exp-c/extensions/9999/export"), HttpStatusCode.NotFound);
    }

    private Task Cdr(string callId, string account, string tenant, string caller) => Sql(
        $$"""
         INSERT INTO cdrs (call_id, account_id, tenant_id, caller, callee, direction, started_at, ended_at, duration_seconds,
                           billed_seconds, cost, final_sip_status, disposition, caller_leg_call_id, callee_leg_call_id, edge_id, rate)
         VALUES ('{{callId}}', '{{account}}', '{{tenant}}', '{{caller}}', '493012345678', 'outbound', now(), now(), 60, 60, 0.5, 200, 'answered',
                 'a', 'b', 'e', '{"prefix": "49"}')
         """);

    private async Task<IEnumerable<string>> Columns(string table)
    {
        await using var db = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = @t", db);
        command.Parameters.AddWithValue("t", table);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(Switchboard.Silo.Api.Exports.JsonRows.FieldName(reader.GetString(0)));
        }

        return names.Order();
    }

    private async Task Sql(string sql)
    {
        await using var db = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<decimal> Scalar(string sql)
    {
        await using var db = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToDecimal(await command.ExecuteScalarAsync());
    }
}
