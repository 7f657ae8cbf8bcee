using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Switchboard.Silo.Tests.Api.Retention;

/// <summary>Retention periods and the purge through the admin API of a real silo on PostgreSQL.</summary>
public sealed class RetentionEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Put_MergesOverrides_DeleteRestoresDefaults()
    {
        await ApiSeed.TenantAsync(host.Operator, "ret-merge");

        var first = await Json(await host.Operator.PutAsJsonAsync("/api/v1/tenants/ret-merge/retention", new { callRecordsDays = 90 }));
        Assert.Equal(90, first.GetProperty("callRecordsDays").GetInt32());
        Assert.Equal(2557, first.GetProperty("billingDays").GetInt32());

        // A later PUT that names another class keeps the first override.
        var second = await Json(await host.Operator.PutAsJsonAsync("/api/v1/tenants/ret-merge/retention", new { fraudAlertsDays = 30 }));
        Assert.Equal(90, second.GetProperty("callRecordsDays").GetInt32());
        Assert.Equal(30, second.GetProperty("fraudAlertsDays").GetInt32());
        Assert.Equal(["callRecordsDays", "fraudAlertsDays"], second.GetProperty("overridden").EnumerateArray().Select(e => e.GetString()));

        var reset = await Json(await host.Operator.DeleteAsync("/api/v1/tenants/ret-merge/retention"));
        Assert.Equal(365, reset.GetProperty("callRecordsDays").GetInt32());
        Assert.Empty(reset.GetProperty("overridden").EnumerateArray());
    }

    [Fact]
    public async Task Put_BadInput_Returns400_UnknownTenant404_TenantKey403()
    {
        await ApiSeed.TenantAsync(host.Operator, "ret-bad");

        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/ret-bad/retention", new { callRecordsDays = 0, auditLogDays = 99999 }),
            "callRecordsDays", "auditLogDays");
        await ProblemAssert.Invalid(await host.Operator.PostAsync("/api/v1/retention/purge?dryRun=maybe", null), "dryRun");
        await ProblemAssert.Status(await host.Operator.PutAsJsonAsync("/api/v1/tenants/no-such/retention", new { callRecordsDays = 30 }), HttpStatusCode.NotFound);
        using var tenantAdmin = await host.ClientWithNewKeyAsync("tenant-admin", "ret-bad");
        await ProblemAssert.Status(await tenantAdmin.PutAsJsonAsync("/api/v1/tenants/ret-bad/retention", new { callRecordsDays = 1 }), HttpStatusCode.Forbidden);
        Assert.Equal(365, (await Json(await host.Operator.GetAsync("/api/v1/tenants/ret-bad/retention"))).GetProperty("callRecordsDays").GetInt32());
    }

    [Fact]
    public async Task Purge_DryRunCountsTheOverriddenTenantsOldCdrs_ThenThePurgeDeletesThem()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "ret-purge");
        await Json(await host.Operator.PutAsJsonAsync("/api/v1/tenants/ret-purge/retention", new { callRecordsDays = 7 }));
        await using (var db = new NpgsqlConnection(host.Silo.PostgresConnectionString))
        {
            await db.OpenAsync();
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO cdrs (call_id, account_id, tenant_id, caller, callee, direction, started_at, ended_at, duration_seconds,
                                  billed_seconds, cost, final_sip_status, disposition, caller_leg_call_id, callee_leg_call_id, edge_id)
                SELECT 'ret-' || d, 'acct-ret-purge', 'ret-purge', '1001', '4930123', 'outbound', now() - make_interval(days => d),
                       now() - make_interval(days => d), 1, 1, 0, 200, 'answered', 'a', 'b', 'e'
                FROM unnest(ARRAY[1, 10, 20]) AS d
                """, db);
            await insert.ExecuteNonQueryAsync();
        }

        var dry = await Json(await host.Operator.PostAsync("/api/v1/retention/purge?dryRun=true", null));
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, dry.GetProperty("callRecords").GetInt64());
        Assert.Equal(3, await CdrCount());

        var done = await Json(await host.Operator.PostAsync("/api/v1/retention/purge", null));
        Assert.Equal(2, done.GetProperty("callRecords").GetInt64());
        Assert.Equal(1, await CdrCount());
    }

    private async Task<long> CdrCount()
    {
        await using var db = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM cdrs WHERE tenant_id = 'ret-purge'", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
