using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;

namespace Switchboard.Silo.Tests.Api.Accounts;

/// <summary>
/// Cancelling an account through the API on a real silo and PostgreSQL: calls refused, the lines it pays for
/// disabled at once; after the grace period the purge removes those lines (grain state with credentials and
/// bindings, registration history) and anonymises what the billing retention keeps. Erasure does the same at once.
/// </summary>
public sealed class AccountCancellationTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Cancel_RefusesCalls_DisablesItsLines_AndIsFinal()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "can-a", credit: 10m);
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/can-a/extensions", new { number = "1001", displayName = "Alice Example", password = "s3cret-Passw0rd!" }));

        var cancelled = await Json(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-can-a/cancel", new { reason = "customer left" }));

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var call = await host.Silo.GrainFactory.GetGrain<IAccountGrain>("acct-can-a").AuthorizeCall(
            new CallAuthorizationRequest("can-call-1", "1001", "4930123456", CallDirection.Outbound, DateTimeOffset.UtcNow));
        Assert.False(call.Allowed);
        Assert.Equal(403, call.SipStatus);
        var line = await host.Silo.GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For("can-a", "1001")).GetAuthentication(DigestAlgorithm.Md5, "192.0.2.10");
        Assert.Equal(AuthenticationStatus.Disabled, line.Status);
        var shown = await Json(await host.Operator.GetAsync("/api/v1/tenants/can-a/extensions/1001"));
        Assert.False(shown.GetProperty("settings").GetProperty("enabled").GetBoolean());
        Assert.Equal("", shown.GetProperty("settings").GetProperty("displayName").GetString());

        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-can-a/unlock", new { reason = "oops" }), HttpStatusCode.Conflict);
        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-can-a/lock", new { reason = "x" }), HttpStatusCode.Conflict);
        Assert.Equal("cancelled", (await Json(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-can-a/cancel", new { reason = "again" })))
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Purge_AfterTheGracePeriod_RemovesItsLines_AnonymisesTheSubscriber_KeepsAmounts_AndLeavesOthersAlone()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "can-b", credit: 10m);
        await ApiSeed.TenantWithAccountAsync(host.Operator, "can-keep", credit: 10m);
        await InsertCdr("can-b-1", "acct-can-b", "can-b");
        await InsertCdr("can-keep-1", "acct-can-keep", "can-keep");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/can-b/extensions", new { number = "1001", displayName = "Bea", password = "s3cret-Passw0rd!" }));
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/can-keep/extensions", new { number = "1001", displayName = "Kim", password = "s3cret-Passw0rd!" }));
        await RegisterAsync("can-b", "1001");
        await RegisterAsync("can-keep", "1001");
        Assert.Equal("1|1", await Sql("SELECT (SELECT count(*) FROM registration_history WHERE tenant_id = 'can-b') || '|' || " + StateRows("can-b", "1001")));
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-can-b/cancel", new { reason = "moved abroad" }));

        // Inside the grace period nothing happens.
        Assert.Equal(0, (await Json(await host.Operator.PostAsync("/api/v1/retention/purge?dryRun=true", null))).GetProperty("anonymisedAccounts").GetInt64());

        await Sql("UPDATE accounts SET cancelled_at = now() - interval '31 days' WHERE account_id = 'acct-can-b'");
        Assert.Equal(1, (await Json(await host.Operator.PostAsync("/api/v1/retention/purge?dryRun=true", null))).GetProperty("anonymisedAccounts").GetInt64());
        Assert.NotNull(await Extension("can-b", "1001").GetSnapshot());
        Assert.Equal(1, (await Json(await host.Operator.PostAsync("/api/v1/retention/purge", null))).GetProperty("anonymisedAccounts").GetInt64());

        await AssertRemovedAsync("can-b", "1001");
        Assert.NotNull(await Extension("can-keep", "1001").GetSnapshot());
        Assert.Single(await Extension("can-keep", "1001").GetBindings());
        Assert.Equal("1|1", await Sql("SELECT (SELECT count(*) FROM registration_history WHERE tenant_id = 'can-keep') || '|' || " + StateRows("can-keep", "1001")));

        Assert.Equal("4930xxxxxxxx|10xx|0.500000", await Sql("SELECT callee || '|' || caller || '|' || cost FROM cdrs WHERE call_id = 'can-b-1'"));
        Assert.Equal("|", await Sql("SELECT caller_leg_call_id || '|' || callee_leg_call_id FROM cdrs WHERE call_id = 'can-b-1'"));
        Assert.Equal("credit|10.000000", await Sql("SELECT description || '|' || amount FROM ledger WHERE account_id = 'acct-can-b'"));
        Assert.Equal("|cancelled|true", await Sql("SELECT status_reason || '|' || status || '|' || (anonymised_at IS NOT NULL) FROM accounts WHERE account_id = 'acct-can-b'"));
        Assert.Equal("493012345678|1001", await Sql("SELECT callee || '|' || caller FROM cdrs WHERE call_id = 'can-keep-1'"));

        // Done once: the next purge finds nothing to anonymise.
        Assert.Equal(0, (await Json(await host.Operator.PostAsync("/api/v1/retention/purge", null))).GetProperty("anonymisedAccounts").GetInt64());
    }

    [Fact]
    public async Task Erase_RemovesItsLinesAndRegistrationHistory_AnonymisesAtOnce_AndLeavesOthersAlone()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "can-e", credit: 10m);
        await ApiSeed.TenantWithAccountAsync(host.Operator, "can-e2", credit: 10m);
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/can-e/extensions", new { number = "1001", displayName = "Eve", password = "s3cret-Passw0rd!" }));
        await InsertCdr("can-e-1", "acct-can-e", "can-e");
        await InsertCdr("can-e2-1", "acct-can-e2", "can-e2");
        await Sql("INSERT INTO registration_history (tenant_id, extension, registered_at, source_ip, user_agent, expires) VALUES ('can-e', '1001', now(), '192.0.2.5', 'Phone', 600), ('can-e2', '1001', now(), '192.0.2.6', 'Phone', 600)");
        await RegisterAsync("can-e", "1001");
        Assert.Equal("1", await Sql("SELECT " + StateRows("can-e", "1001")));

        var erased = await Json(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-can-e/erase", new { reason = "GDPR art. 17 request 2026-118" }));

        Assert.Equal("cancelled", erased.GetProperty("status").GetString());
        Assert.Equal("4930xxxxxxxx|10xx", await Sql("SELECT callee || '|' || caller FROM cdrs WHERE call_id = 'can-e-1'"));
        Assert.Equal("0", await Sql("SELECT count(*) FROM registration_history WHERE tenant_id = 'can-e'"));
        Assert.Equal("493012345678|1", await Sql("SELECT c.callee || '|' || (SELECT count(*) FROM registration_history WHERE tenant_id = 'can-e2') FROM cdrs c WHERE call_id = 'can-e2-1'"));
        Assert.Equal("", await Sql("SELECT status_reason FROM accounts WHERE account_id = 'acct-can-e'"));
        await AssertRemovedAsync("can-e", "1001");
        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-none/erase", new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EraseExtension_RemovesIt_TruncatesItsNumberInCdrsAndFraudAlerts_DeletesItsRegistrations_KeepsTheAccount()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "can-x", credit: 10m);
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/can-x/extensions", new { number = "1001", displayName = "Xena", password = "s3cret-Passw0rd!" }));
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/tenants/can-x/extensions", new { number = "1002", displayName = "Yan", password = "s3cret-Passw0rd!" }));
        await InsertCdr("can-x-1", "acct-can-x", "can-x");
        await Sql("""
            UPDATE cdrs SET caller = '1002', callee = '1001' WHERE call_id = 'can-x-1';
            INSERT INTO registration_history (tenant_id, extension, registered_at, source_ip, user_agent, expires)
            VALUES ('can-x', '1001', now(), '192.0.2.5', 'Phone', 600), ('can-x', '1002', now(), '192.0.2.6', 'Phone', 600);
            INSERT INTO fraud_alerts (alert_id, account_id, tenant_id, rule, reason, destination, raised_at) VALUES
                ('00000000-0000-0000-0000-0000000000a1', 'acct-can-x', 'can-x', 'CallsPerMinute', 'Calls to 1001 too fast', '1001', now()),
                ('00000000-0000-0000-0000-0000000000a2', 'acct-can-x', 'can-x', 'BlockedDestination', 'Destination +4990 is blocked', '4990123456', now());
            """);

        var response = await host.Operator.PostAsync("/api/v1/tenants/can-x/extensions/1001/erase", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/tenants/can-x/extensions/1001"), HttpStatusCode.NotFound);
        Assert.Equal("1002|10xx", await Sql("SELECT caller || '|' || callee FROM cdrs WHERE call_id = 'can-x-1'"));
        Assert.Equal("1002", await Sql("SELECT string_agg(extension, ',') FROM registration_history WHERE tenant_id = 'can-x'"));
        Assert.Equal("10xx|CallsPerMinute,4990123456|Destination +4990 is blocked",
            await Sql("SELECT string_agg(destination || '|' || reason, ',' ORDER BY alert_id) FROM fraud_alerts WHERE tenant_id = 'can-x'"));
        await AssertRemovedAsync("can-x", "1001");
        Assert.Equal("active", (await Json(await host.Operator.GetAsync("/api/v1/accounts/acct-can-x"))).GetProperty("status").GetString());
    }

    private IExtensionGrain Extension(string tenant, string number) => host.Silo.GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For(tenant, number));

    /// <summary>A binding from 192.0.2.44, as the edge would register it; it leaves a registration history row.</summary>
    private async Task RegisterAsync(string tenant, string number)
    {
        var registered = await Extension(tenant, number).Register(new RegisterRequest(
            $"reg-{tenant}-{number}", 1, [new ContactRequest($"sip:{number}@192.0.2.44:5060", 600, null, null, null)], false, null, [],
            new TransportAddress(SipTransport.Udp, "192.0.2.44", 5060), "edge-1", "Yealink SIP-T46U"));
        Assert.Equal(200, registered.Status);
        await host.Silo.Services.GetRequiredService<RegistrationHistory>().FlushAsync(default);
    }

    /// <summary>SQL counting the grain-state rows whose key names the extension (tenant/number).</summary>
    private static string StateRows(string tenant, string number) =>
        $"(SELECT count(*) FROM orleansstorage WHERE grainidextensionstring = '{ExtensionKeys.For(tenant, number)}')";

    /// <summary>The extension is gone everywhere it lived: grain state with credentials and bindings, its state row, its history.</summary>
    private async Task AssertRemovedAsync(string tenant, string number)
    {
        var extension = Extension(tenant, number);
        Assert.Null(await extension.GetSnapshot());
        Assert.Empty(await extension.GetBindings());
        Assert.Equal(AuthenticationStatus.Unknown, (await extension.GetAuthentication(DigestAlgorithm.Md5, "192.0.2.44")).Status);
        await ProblemAssert.Status(await host.Operator.GetAsync($"/api/v1/tenants/{tenant}/extensions/{number}"), HttpStatusCode.NotFound);
        Assert.Equal("0|0", await Sql(
            $"SELECT (SELECT count(*) FROM registration_history WHERE tenant_id = '{tenant}' AND extension = '{number}') || '|' || {StateRows(tenant, number)}"));
    }

    private Task InsertCdr(string callId, string account, string tenant) => Sql(
        $"""
         INSERT INTO cdrs (call_id, account_id, tenant_id, caller, callee, direction, started_at, ended_at, duration_seconds,
                           billed_seconds, cost, final_sip_status, disposition, caller_leg_call_id, callee_leg_call_id, edge_id)
         VALUES ('{callId}', '{account}', '{tenant}', '1001', '493012345678', 'outbound', now(), now(), 60, 60, 0.5, 200, 'answered',
                 'a84b4c76e66710@192.0.2.4', 'b2bua-1@10.0.0.1', 'e')
         """);

    private async Task<string> Sql(string sql)
    {
        await using var db = new NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "";
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
