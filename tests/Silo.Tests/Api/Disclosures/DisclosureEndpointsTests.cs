using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Switchboard.Silo.Tests.Api.Disclosures;

/// <summary>Lawful disclosure through the API of a real silo on PostgreSQL: the record, the data, the role, the audit.</summary>
public sealed class DisclosureEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Disclose_ReturnsOnlyTrafficDataOfThePeriod_RecordsIt_AndOnlyTheComplianceRoleMayDoIt()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "dis-a");
        await Sql("""
            INSERT INTO cdrs (call_id, account_id, tenant_id, caller, callee, direction, started_at, ended_at, duration_seconds,
                              billed_seconds, cost, final_sip_status, disposition, caller_leg_call_id, callee_leg_call_id, edge_id)
            VALUES ('dis-1', 'acct-dis-a', 'dis-a', '1001', '493012345678', 'outbound', '2026-06-01T10:00:00Z', '2026-06-01T10:01:00Z', 60, 60, 0.5, 200, 'answered', 'a@192.0.2.1', 'b', 'e'),
                   ('dis-2', 'acct-dis-a', 'dis-a', '441234567890', '1001', 'inbound', '2026-06-02T10:00:00Z', '2026-06-02T10:00:30Z', 30, 0, 0, 200, 'answered', 'c', 'd', 'e'),
                   ('dis-3', 'acct-dis-a', 'dis-a', '1001', '493012345678', 'outbound', '2026-08-01T10:00:00Z', '2026-08-01T10:01:00Z', 60, 60, 0.5, 200, 'answered', 'e', 'f', 'e'),
                   ('dis-4', 'acct-dis-a', 'dis-a', '1002', '493012345678', 'outbound', '2026-06-01T11:00:00Z', '2026-06-01T11:01:00Z', 60, 60, 0.5, 200, 'answered', 'g', 'h', 'e');
            INSERT INTO registration_history (tenant_id, extension, registered_at, source_ip, user_agent, expires)
            VALUES ('dis-a', '1001', '2026-06-01T09:00:00Z', '198.51.100.7', 'Yealink', 600);
            """);
        using var officer = await host.ClientWithNewKeyAsync("compliance");
        var request = new
        {
            authority = "Staatsanwaltschaft Berlin", legalBasis = "§ 100g StPO", reference = "AZ 123 Js 456/26",
            tenantId = "dis-a", subscriber = "1001", from = "2026-05-01T00:00:00Z", to = "2026-07-01T00:00:00Z",
        };

        var response = await officer.PostAsJsonAsync("/api/v1/disclosures", request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var body = JsonDocument.Parse(text).RootElement;
        var calls = body.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(["startedAt", "durationSeconds", "caller", "callee"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("198.51.100.7", Assert.Single(body.GetProperty("registrations").EnumerateArray()).GetProperty("sourceIp").GetString());
        Assert.DoesNotContain("192.0.2.1", text);

        var listed = await officer.GetStringAsync("/api/v1/disclosures");
        Assert.Contains("Staatsanwaltschaft Berlin", listed);
        Assert.Contains("\"calls\":2", listed);

        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/disclosures", request), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await officer.GetAsync("/api/v1/cdrs"), HttpStatusCode.Forbidden);
        await ProblemAssert.Invalid(await officer.PostAsJsonAsync("/api/v1/disclosures", new { tenantId = "dis-a" }), "authority", "legalBasis", "reference", "subscriber", "from", "to");
        Assert.Equal("2", await Sql("SELECT count(*) FROM audit_log WHERE route LIKE '%/disclosures' AND status = 200 AND key_name LIKE 'compliance%'"));
    }

    private async Task<string> Sql(string sql)
    {
        await using var db = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "";
    }
}
