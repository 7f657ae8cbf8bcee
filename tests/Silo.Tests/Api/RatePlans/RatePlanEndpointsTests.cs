using System.Net;
using System.Text;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.RatePlans;

public sealed class RatePlanEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Upload_ThenDownload_RoundTripsTheDeck()
    {
        await ApiSeed.PlanAsync(host.Operator, "plan-rt");

        var summary = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/rate-plans/plan-rt")).RootElement;
        Assert.Equal(2, summary.GetProperty("rateCount").GetInt32());
        Assert.Equal("retail", summary.GetProperty("kind").GetString());
        var csv = await host.Operator.GetStringAsync("/api/v1/rate-plans/plan-rt/rates");
        Assert.StartsWith("prefix,description,", csv);
        Assert.Contains("4930,Berlin", csv);
        Assert.Contains("plan-rt", await host.Operator.GetStringAsync("/api/v1/rate-plans"));
    }

    [Fact]
    public async Task Upload_BadRows_Returns400PerLineAndKeepsTheOldDeck()
    {
        await ApiSeed.PlanAsync(host.Operator, "plan-keep");
        using var bad = new StringContent("""
            prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
            44,UK,0.01,0,60/60,0,,
            4x,bad prefix,0.01,0,60/60,0,,
            33,France,minus,0,60/60,0,,
            """, Encoding.UTF8, "text/csv");

        await ProblemAssert.Invalid(await host.Operator.PutAsync("/api/v1/rate-plans/plan-keep", bad), "line 3", "line 4");

        Assert.Contains("4930,Berlin", await host.Operator.GetStringAsync("/api/v1/rate-plans/plan-keep/rates"));
        Assert.DoesNotContain("44,UK", await host.Operator.GetStringAsync("/api/v1/rate-plans/plan-keep/rates"));
    }

    [Fact]
    public async Task Upload_BadQueryOrContentType_Returns400()
    {
        using var csv = new StringContent(ApiSeed.Deck, Encoding.UTF8, "text/csv");
        await ProblemAssert.Invalid(await host.Operator.PutAsync("/api/v1/rate-plans/Plan_X?kind=wholesale", csv), "planId", "kind");
        using var json = new StringContent("{}", Encoding.UTF8, "application/json");
        await ProblemAssert.Status(await host.Operator.PutAsync("/api/v1/rate-plans/plan-json", json), HttpStatusCode.UnsupportedMediaType);

        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/rate-plans/Plan_X"), HttpStatusCode.NotFound);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/rate-plans/plan-json"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Download_Unknown_Returns404()
    {
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/rate-plans/plan-none/rates"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_NonOperator_Returns403()
    {
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "someone");
        using var csv = new StringContent(ApiSeed.Deck, Encoding.UTF8, "text/csv");

        await ProblemAssert.Status(await admin.PutAsync("/api/v1/rate-plans/plan-cheap", csv), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/rate-plans/plan-cheap"), HttpStatusCode.NotFound);
    }
}
