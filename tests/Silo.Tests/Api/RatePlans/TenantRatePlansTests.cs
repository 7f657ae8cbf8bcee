using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.RatePlans;

/// <summary>A tenant key sees its own retail plan and prices, never a carrier cost deck or another tenant's plan.</summary>
public sealed class TenantRatePlansTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task TenantKey_SeesOnlyItsOwnRetailPlan()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "plans-a");
        using (var carrier = new StringContent(ApiSeed.Deck, Encoding.UTF8, "text/csv"))
        {
            await ApiSeed.Ok(await host.Operator.PutAsync("/api/v1/rate-plans/plan-carrier-x?kind=carrier", carrier));
        }

        using (var other = new StringContent(ApiSeed.Deck, Encoding.UTF8, "text/csv"))
        {
            await ApiSeed.Ok(await host.Operator.PutAsync("/api/v1/rate-plans/plan-other?kind=retail", other));
        }

        using var reader = await host.ClientWithNewKeyAsync("read-only", "plans-a");

        var listed = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/rate-plans")).RootElement
            .EnumerateArray().Select(p => p.GetProperty("planId").GetString()).ToList();
        Assert.Equal(["plan-std"], listed);
        Assert.StartsWith("prefix,", await reader.GetStringAsync("/api/v1/rate-plans/plan-std/rates"));
        await ApiSeed.Ok(await reader.GetAsync("/api/v1/rate-plans/plan-std"));
        foreach (var hidden in new[] { "plan-carrier-x", "plan-other" })
        {
            await ProblemAssert.Status(await reader.GetAsync($"/api/v1/rate-plans/{hidden}"), HttpStatusCode.NotFound);
            await ProblemAssert.Status(await reader.GetAsync($"/api/v1/rate-plans/{hidden}/rates"), HttpStatusCode.NotFound);
        }

        // Nor does the tenant learn which carrier deck its trunk is costed with.
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/plans-a/trunks/carrier",
            new { host = "sip.carrier.example", port = 5060, transport = "udp", carrierCostPlanId = "plan-carrier-x" }));
        Assert.DoesNotContain("plan-carrier-x", await reader.GetStringAsync("/api/v1/tenants/plans-a/trunks"), StringComparison.Ordinal);
        Assert.DoesNotContain("plan-carrier-x", await reader.GetStringAsync("/api/v1/tenants/plans-a"), StringComparison.Ordinal);
        Assert.Contains("plan-carrier-x", await host.Operator.GetStringAsync("/api/v1/tenants/plans-a/trunks"), StringComparison.Ordinal);

        var all = await host.Operator.GetStringAsync("/api/v1/rate-plans");
        Assert.Contains("plan-carrier-x", all, StringComparison.Ordinal);
        Assert.Contains("plan-other", all, StringComparison.Ordinal);
    }
}
