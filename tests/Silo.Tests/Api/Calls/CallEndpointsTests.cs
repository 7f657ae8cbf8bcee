using System.Net;
using System.Net.Http.Json;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;

namespace Switchboard.Silo.Tests.Api.Calls;

public sealed class CallEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    /// <summary>A line as a silo's active-calls flusher sends it to its tenant's active-calls grain.</summary>
    private async Task<string> ReportLiveCallAsync(string tenantId)
    {
        var callId = CallKeys.NewCallId();
        var now = DateTimeOffset.UtcNow;
        await host.Silo.GrainFactory.GetGrain<IActiveCallsGrain>(tenantId)
            .Update([new ActiveCall(callId, tenantId, CallState.Answered, CallDirection.OnNet, "1001", "1002", now, now, now)], []);
        return callId;
    }

    [Fact]
    public async Task List_ComesFromTheActiveCallsGrain()
    {
        await ApiSeed.TenantAsync(host.Operator, "live");
        var callId = await ReportLiveCallAsync("live");

        // Update is one-way, so the line may land a moment after the call returns; poll, bounded.
        var listed = await host.Operator.GetStringAsync("/api/v1/tenants/live/calls");
        for (var attempt = 0; attempt < 50 && !listed.Contains(callId, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            listed = await host.Operator.GetStringAsync("/api/v1/tenants/live/calls");
        }

        Assert.Contains(callId, listed);
        Assert.Contains("\"answered\"", listed);
    }

    [Fact]
    public async Task HangUp_UnknownCall_Returns404()
    {
        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync($"/api/v1/calls/{CallKeys.NewCallId()}/hangup", new { reason = "test" }), HttpStatusCode.NotFound);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/calls/not-a-call"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HangUp_BadInput_Returns400()
    {
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync($"/api/v1/calls/{CallKeys.NewCallId()}/hangup", new { reason = new string('x', 300) }), "reason");
    }

    [Fact]
    public async Task TenantKeys_NeverSeeAnotherTenantsCalls()
    {
        await ApiSeed.TenantAsync(host.Operator, "live-a");
        await ApiSeed.TenantAsync(host.Operator, "live-b");
        await ReportLiveCallAsync("live-b");
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "live-a");
        using var reader = await host.ClientWithNewKeyAsync("read-only");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/tenants/live-a/calls")).StatusCode);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/live-b/calls"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/tenants/live-b/calls")).StatusCode);
        await ProblemAssert.Status(await reader.PostAsJsonAsync($"/api/v1/calls/{CallKeys.NewCallId()}/hangup", new { }), HttpStatusCode.Forbidden);
    }
}
