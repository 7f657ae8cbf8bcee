using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Storage;

namespace Switchboard.Silo.Tests.Api.Fraud;

public sealed class FraudAlertEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private async Task<Guid> RaiseAsync(string tenantId, DateTimeOffset at)
    {
        var alert = new FraudAlert(Guid.NewGuid(), $"acct-{tenantId}", tenantId, FraudRule.BlockedDestination, "premium-rate 900",
            "call-" + Guid.NewGuid().ToString("N"), "49900123", at, LockedAccount: false);
        await host.Silo.Services.GetRequiredService<IFraudAlertStore>().AddAsync(alert);
        return alert.AlertId;
    }

    [Fact]
    public async Task List_ByTenantAccountAndSince()
    {
        var old = await RaiseAsync("fa", DateTimeOffset.UtcNow.AddDays(-2));
        var recent = await RaiseAsync("fa", DateTimeOffset.UtcNow);

        var all = await host.Operator.GetStringAsync("/api/v1/fraud-alerts?tenantId=fa");
        Assert.Contains(old.ToString(), all);
        Assert.Contains("blocked-destination", all);
        var since = await host.Operator.GetStringAsync($"/api/v1/fraud-alerts?accountId=acct-fa&since={DateTimeOffset.UtcNow.AddDays(-1):O}".Replace("+", "%2B"));
        Assert.Contains(recent.ToString(), since);
        Assert.DoesNotContain(old.ToString(), since);
    }

    [Fact]
    public async Task TenantKeys_SeeOnlyTheirOwnAlerts()
    {
        var mine = await RaiseAsync("fa-mine", DateTimeOffset.UtcNow);
        var theirs = await RaiseAsync("fa-theirs", DateTimeOffset.UtcNow);
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "fa-mine");

        var listed = await admin.GetStringAsync("/api/v1/fraud-alerts");
        Assert.Contains(mine.ToString(), listed);
        Assert.DoesNotContain(theirs.ToString(), listed);
        Assert.DoesNotContain(theirs.ToString(), await admin.GetStringAsync("/api/v1/fraud-alerts?accountId=acct-fa-theirs"));
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/fraud-alerts?tenantId=fa-theirs"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_BadPaging_Returns400()
    {
        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/fraud-alerts?limit=-3"), "limit");
    }
}
