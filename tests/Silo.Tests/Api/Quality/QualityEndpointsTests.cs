using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Quality;

namespace Switchboard.Silo.Tests.Api.Quality;

/// <summary>Quality statistics through the admin API of a real silo, and who may see which scope.</summary>
public sealed class QualityEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Trunks_ShowExactRatios_AndATenantKeySeesOnlyItsOwn()
    {
        await ApiSeed.TenantAsync(host.Operator, "qa-1");
        await ApiSeed.TenantAsync(host.Operator, "qa-2");
        var recorder = host.Silo.Services.GetRequiredService<QualityRecorder>();
        recorder.Record(Call("qa-1-a", "qa-1", "carrier-x", CallDisposition.Answered, 200), TimeSpan.FromSeconds(2));
        recorder.Record(Call("qa-1-b", "qa-1", "carrier-x", CallDisposition.Failed, 503), null);
        recorder.Record(Call("qa-2-a", "qa-2", "carrier-y", CallDisposition.Answered, 200), TimeSpan.FromSeconds(1));
        await host.Silo.Services.GetServices<IHostedService>().OfType<QualityFlusher>().Single().FlushAsync();

        // Flushes are one-way messages (the silo's own flusher may have sent part of them): wait until both landed.
        var fiveMinutes = default(JsonElement);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var all = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/quality/trunks")).RootElement;
            var x = all.EnumerateArray().SingleOrDefault(r => r.GetProperty("scope").GetString() == "trunk/qa-1/carrier-x");
            var y = all.EnumerateArray().SingleOrDefault(r => r.GetProperty("scope").GetString() == "trunk/qa-2/carrier-y");
            if (x.ValueKind == JsonValueKind.Object && y.ValueKind == JsonValueKind.Object
                && (fiveMinutes = x.GetProperty("windows")[0]).GetProperty("seized").GetInt64() >= 2
                && y.GetProperty("windows")[0].GetProperty("seized").GetInt64() >= 1)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(5, fiveMinutes.GetProperty("minutes").GetInt32());
        Assert.Equal(2, fiveMinutes.GetProperty("seized").GetInt64());
        Assert.Equal(0.5m, fiveMinutes.GetProperty("asr").GetDecimal());
        Assert.Equal(0.5m, fiveMinutes.GetProperty("ner").GetDecimal());
        Assert.Equal(60m, fiveMinutes.GetProperty("acdSeconds").GetDecimal());
        Assert.Equal(2000m, fiveMinutes.GetProperty("pddMilliseconds").GetDecimal());
        Assert.Equal(1, fiveMinutes.GetProperty("failuresBySipStatus").GetProperty("503").GetInt64());

        using var tenant = await host.ClientWithNewKeyAsync("read-only", "qa-2");
        var own = JsonDocument.Parse(await tenant.GetStringAsync("/api/v1/quality/trunks")).RootElement;
        Assert.Equal(["trunk/qa-2/carrier-y"], own.EnumerateArray().Select(r => r.GetProperty("scope").GetString()));
        await ProblemAssert.Status(await tenant.GetAsync("/api/v1/quality/trunks?tenantId=qa-1"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await tenant.GetAsync("/api/v1/quality/countries"), HttpStatusCode.Forbidden);
        Assert.Contains("\"country/49\"", await host.Operator.GetStringAsync("/api/v1/quality/countries"));
    }

    private static CallDetailRecord Call(string id, string tenant, string trunk, CallDisposition disposition, int status)
    {
        var start = DateTimeOffset.UtcNow;
        DateTimeOffset? answered = disposition == CallDisposition.Answered ? start.AddSeconds(3) : null;
        return new CallDetailRecord(id, "acct-" + tenant, tenant, "1001", "4930123456", CallDirection.Outbound, start, answered,
            (answered ?? start).AddSeconds(answered is null ? 0 : 60), status, disposition, id + "-a", id + "-b", "edge-1", trunk);
    }
}
