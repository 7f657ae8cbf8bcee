using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Telemetry;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Observability;

public sealed partial class MetricsEndpointTests
{
    private const string PhoneNumber = "+4930123456789";

    [Fact]
    public async Task Metrics_RunningSilo_ExportsSwitchboardAndOrleansMetersWithoutPersonalTags()
    {
        await using var silo = await RunningSilo.StartAsync();
        var metrics = silo.Services.GetRequiredService<SwitchboardMetrics>();
        metrics.CallStarted();
        metrics.CallStarted();
        metrics.CallSetup(TimeSpan.FromMilliseconds(840));
        metrics.CallEnded(CallDisposition.Answered);
        metrics.Settled(TimeSpan.FromMilliseconds(12));
        metrics.SettlementFailed("database");
        metrics.FraudRefused(FraudRule.CallsPerMinute);
        metrics.DatabaseError("cdr", "08006");

        // An instrument that (wrongly) tags a caller: the exporter's allowlist must drop the tag, not the count.
        using var meter = silo.Services.GetRequiredService<IMeterFactory>().Create("Switchboard.Test");
        meter.CreateCounter<long>("switchboard.test.leaky").Add(
            1, new KeyValuePair<string, object?>("caller", PhoneNumber), new KeyValuePair<string, object?>("reason", "probe"));

        // A grain call, so Orleans' request meters have something to report.
        await silo.GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        using var http = silo.CreateHttpClient();
        var text = await ScrapeAsync(http);

        Assert.Contains("switchboard_calls_started_total{", text);
        Assert.Matches(@"switchboard_calls_started_total\{[^}]*\} 2(\s|$)", text);
        Assert.Matches(@"switchboard_calls_ended_total\{[^}]*disposition=""answered""[^}]*\} 1", text);
        Assert.Matches(@"switchboard_calls_active\{[^}]*\} 1(\s|$)", text);
        Assert.Contains("switchboard_call_setup_duration_milliseconds_bucket{", text);
        Assert.Contains("switchboard_settlement_duration_milliseconds_count{", text);
        Assert.Matches(@"switchboard_settlement_failures_total\{[^}]*reason=""database""", text);
        Assert.Matches(@"switchboard_fraud_refusals_total\{[^}]*rule=""calls_per_minute""", text);
        Assert.Matches(@"switchboard_db_errors_total\{[^}]*sqlstate_class=""08""[^}]*store=""cdr""", text);
        Assert.Contains("orleans_", text);
        Assert.Matches(@"otel_scope_name=""Microsoft.Orleans""", text);

        Assert.Matches(@"switchboard_test_leaky_total\{[^}]*reason=""probe""", text);
        Assert.DoesNotContain("caller=", text);
        Assert.DoesNotContain(PhoneNumber, text);
        Assert.DoesNotMatch(LongDigitLabelValue(), text);
    }

    /// <summary>The exporter registers instruments lazily; scrape until the grain meter shows up.</summary>
    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        var text = string.Empty;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (text.Contains("switchboard_db_errors_total", StringComparison.Ordinal) && text.Contains("orleans_", StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(250);
        }

        return text;
    }

    // A label value made of seven or more digits looks like a phone number or account number.
    [GeneratedRegex(@"=""\+?\d{7,}""")]
    private static partial Regex LongDigitLabelValue();
}
