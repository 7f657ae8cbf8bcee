using System.Net;
using System.Text.Json;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Silo.Tests.Api.Cdrs;

public sealed class CdrEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Settles a 60-second answered call through the account grain, as the call grain does at hang-up.</summary>
    private async Task<string> SettleAsync(string tenantId, string callee, DateTimeOffset startedAt, string caller = "1001")
    {
        var callId = "call-" + Guid.NewGuid().ToString("N");
        var record = new CallDetailRecord(callId, $"acct-{tenantId}", tenantId, caller, callee, CallDirection.Outbound,
            startedAt, startedAt.AddSeconds(5), startedAt.AddSeconds(65), 200, CallDisposition.Answered, "a-leg", "b-leg", "edge-1", null);
        await host.Silo.GrainFactory.GetGrain<IAccountGrain>($"acct-{tenantId}").SettleCall(record);
        return callId;
    }

    [Fact]
    public async Task Search_ByAccountNumberAndTime_FindsTheCall()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "cdr", credit: 10m);
        var berlin = await SettleAsync("cdr", "4930111222", Start);
        var munich = await SettleAsync("cdr", "4989111222", Start.AddHours(1));

        var byNumber = await host.Operator.GetStringAsync("/api/v1/cdrs?accountId=acct-cdr&number=4930");
        Assert.Contains(berlin, byNumber);
        Assert.DoesNotContain(munich, byNumber);
        var byTime = await host.Operator.GetStringAsync("/api/v1/cdrs?tenantId=cdr&from=2026-03-01T10:30:00Z&to=2026-03-01T12:00:00Z");
        Assert.Contains(munich, byTime);
        Assert.DoesNotContain(berlin, byTime);

        var one = JsonDocument.Parse(await host.Operator.GetStringAsync($"/api/v1/cdrs/{berlin}")).RootElement;
        Assert.Equal(60, one.GetProperty("billedSeconds").GetInt32());
        Assert.Equal(0.01m, one.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task Search_Paged_FollowsNext()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "cdrpage", credit: 10m);
        for (var i = 0; i < 3; i++)
        {
            await SettleAsync("cdrpage", "4930000", Start.AddMinutes(i));
        }

        var first = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/cdrs?accountId=acct-cdrpage&limit=2")).RootElement;
        var next = first.GetProperty("next").GetString();
        var second = JsonDocument.Parse(await host.Operator.GetStringAsync($"/api/v1/cdrs?accountId=acct-cdrpage&limit=2&offset={next}")).RootElement;

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Export_Csv_HasHeaderAndOneLinePerCall()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "cdrcsv", credit: 10m);
        var callId = await SettleAsync("cdrcsv", "4930123", Start);

        var response = await host.Operator.GetAsync("/api/v1/cdrs?accountId=acct-cdrcsv&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("call_id,account_id,tenant_id,", lines[0]);
        Assert.StartsWith($"{callId},acct-cdrcsv,cdrcsv,1001,4930123,outbound,2026-03-01T10:00:00.000Z,", lines[1]);
    }

    [Fact]
    public async Task Search_BadInput_Returns400PerField()
    {
        await ProblemAssert.Invalid(await host.Operator.GetAsync(
            "/api/v1/cdrs?number=abc&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z&format=xml&limit=0"), "number", "to", "format", "limit");
        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/cdrs?from=yesterday&offset=abc"), "from", "offset");
    }

    [Fact]
    public async Task TenantKeys_NeverSeeAnotherTenantsCalls()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "cdr-a", credit: 10m);
        await ApiSeed.TenantWithAccountAsync(host.Operator, "cdr-b", credit: 10m);
        var theirs = await SettleAsync("cdr-b", "4930555", Start);
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "cdr-a");
        using var reader = await host.ClientWithNewKeyAsync("read-only", "cdr-a");

        foreach (var client in new[] { admin, reader })
        {
            Assert.DoesNotContain(theirs, await client.GetStringAsync("/api/v1/cdrs"));
            Assert.DoesNotContain(theirs, await client.GetStringAsync("/api/v1/cdrs?accountId=acct-cdr-b&format=csv"));
            await ProblemAssert.Status(await client.GetAsync($"/api/v1/cdrs/{theirs}"), HttpStatusCode.NotFound);
            await ProblemAssert.Status(await client.GetAsync("/api/v1/cdrs?tenantId=cdr-b"), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task TenantKeys_SeeNoCarrierCostOrMargin_InJsonOrCsv()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "cdr-cost", credit: 10m);
        var callId = await SettleAsync("cdr-cost", "4930777", Start);
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "cdr-cost");

        var operatorView = JsonDocument.Parse(await host.Operator.GetStringAsync($"/api/v1/cdrs/{callId}")).RootElement;
        Assert.True(operatorView.TryGetProperty("carrierCost", out _));
        Assert.True(operatorView.TryGetProperty("margin", out _));
        Assert.StartsWith("call_id,account_id,tenant_id,caller,callee,direction,started_at,answered_at,ended_at,duration_seconds,billed_seconds,cost,carrier_cost,", await host.Operator.GetStringAsync("/api/v1/cdrs?tenantId=cdr-cost&format=csv"));

        var one = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/cdrs/{callId}")).RootElement;
        var listed = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/cdrs")).RootElement.GetProperty("items")[0];
        foreach (var view in new[] { one, listed })
        {
            Assert.Equal(callId, view.GetProperty("callId").GetString());
            Assert.Equal(0.01m, view.GetProperty("cost").GetDecimal());
            foreach (var hidden in new[] { "carrierCost", "carrierRate", "carrierPlanId", "margin", "edgeId" })
            {
                Assert.False(view.TryGetProperty(hidden, out _), hidden);
            }
        }

        var csv = (await admin.GetStringAsync("/api/v1/cdrs?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("carrier_cost", csv[0], StringComparison.Ordinal);
        Assert.Equal(csv[0].Split(',').Length, csv[1].Split(',').Length);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+4930123")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    public async Task Export_Csv_FieldStartingLikeAFormula_IsPrefixedWithAQuote(string caller)
    {
        var tenant = "cdr-inj-" + Guid.NewGuid().ToString("N")[..6];
        await ApiSeed.TenantWithAccountAsync(host.Operator, tenant, credit: 10m);
        await SettleAsync(tenant, "4930123", Start, caller);

        var csv = (await host.Operator.GetStringAsync($"/api/v1/cdrs?tenantId={tenant}&format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var field = csv[1].Split(',')[3];
        var unquoted = field.StartsWith('"') ? field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : field;
        Assert.Equal("'" + caller, unquoted);
    }
}
