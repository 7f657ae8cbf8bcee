using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Quality;
using Switchboard.Grains.Retention;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Observability;

/// <summary>
/// The quality counters as Prometheus scrapes them from a real silo: labelled by trunk, tenant and country code,
/// which the exporter's tag allowlist must keep, and by nothing that names a person or an address.
/// </summary>
public sealed partial class QualityMetricsTests
{
    private const string Caller = "+4915112345678";
    private const string Callee = "+4930123456789";
    private const string EdgeAddress = "192.0.2.10";

    private static readonly HashSet<string> QualityLabels = ["tenant", "trunk", "country", "outcome"];

    [Fact]
    public async Task Metrics_SettledCalls_QualitySeriesCarryTrunkTenantAndCountryOnly()
    {
        await using var silo = await RunningSilo.StartAsync();
        var recorder = silo.Services.GetRequiredService<QualityRecorder>();
        recorder.Record(Call("qm-1", "acme", "carrier-x", CallDisposition.Answered, 200), TimeSpan.FromSeconds(2));
        recorder.Record(Call("qm-2", "acme", "carrier-x", CallDisposition.Answered, 200), TimeSpan.FromSeconds(1));
        recorder.Record(Call("qm-3", "acme", "carrier-x", CallDisposition.Failed, 503), null);
        recorder.Record(Call("qm-4", "acme", "carrier-y", CallDisposition.Busy, 486), TimeSpan.FromSeconds(1));

        // Other bounded labels the allowlist must keep: the retention purge's data class and a trunk's state.
        var meters = silo.Services.GetRequiredService<IMeterFactory>();
        new RetentionMetrics(meters).Purged(RetentionClass.CallRecords, 3);
        new EdgeMetrics(meters).TrunkTransition(up: false);

        using var http = silo.CreateHttpClient();
        var series = await ScrapeAsync(http);

        Assert.Equal(2, Value(series, "switchboard_quality_trunk_calls_total", ("tenant", "acme"), ("trunk", "carrier-x"), ("outcome", "answered")));
        Assert.Equal(1, Value(series, "switchboard_quality_trunk_calls_total", ("tenant", "acme"), ("trunk", "carrier-x"), ("outcome", "failed")));
        Assert.Equal(1, Value(series, "switchboard_quality_trunk_calls_total", ("tenant", "acme"), ("trunk", "carrier-y"), ("outcome", "busy")));
        Assert.Equal(120, Value(series, "switchboard_quality_trunk_answered_seconds_total", ("tenant", "acme"), ("trunk", "carrier-x")));
        Assert.Equal(2, Value(series, "switchboard_quality_tenant_calls_total", ("tenant", "acme"), ("outcome", "answered")));
        Assert.Equal(2, Value(series, "switchboard_quality_country_calls_total", ("country", "49"), ("outcome", "answered")));
        Assert.Equal(120, Value(series, "switchboard_quality_country_answered_seconds_total", ("country", "49")));
        Assert.Equal(3, Value(series, "switchboard_retention_purged_total", ("class", "call_records")));
        Assert.Equal(1, Value(series, "switchboard_edge_trunk_transitions_total", ("state", "down")));

        var quality = series.Where(s => s.Name.StartsWith("switchboard_quality_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(quality);
        foreach (var (name, labels, _) in quality)
        {
            var own = labels.Keys.Where(k => !k.StartsWith("otel_scope_", StringComparison.Ordinal)).ToHashSet();
            Assert.True(own.IsSubsetOf(QualityLabels), $"{name} has labels {string.Join(", ", own)}");
            Assert.Contains(own, k => k is "tenant" or "country");
            foreach (var value in labels.Values)
            {
                Assert.DoesNotMatch(LongDigits(), value);
                Assert.DoesNotMatch(IpAddress(), value);
            }
        }

        Assert.DoesNotContain(series, s => s.Labels.Values.Any(v => v.Contains(Caller[1..], StringComparison.Ordinal)
            || v.Contains(Callee[1..], StringComparison.Ordinal) || v == EdgeAddress));
    }

    private static CallDetailRecord Call(string id, string tenant, string trunk, CallDisposition disposition, int status)
    {
        var start = DateTimeOffset.UtcNow;
        DateTimeOffset? answered = disposition == CallDisposition.Answered ? start.AddSeconds(3) : null;
        return new CallDetailRecord(id, "acct-" + tenant, tenant, Caller, Callee, CallDirection.Outbound, start, answered,
            (answered ?? start).AddSeconds(answered is null ? 0 : 60), status, disposition, id + "-a", id + "-b", EdgeAddress, trunk);
    }

    private static double Value(IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> series, string name,
        params (string Key, string Value)[] labels)
    {
        var matches = series.Where(s => s.Name == name && s.Labels.Count(l => !l.Key.StartsWith("otel_scope_", StringComparison.Ordinal)) == labels.Length
            && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} series {name}{{{string.Join(',', labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}");
        return matches[0].Value;
    }

    /// <summary>The exporter registers instruments lazily; scrape until the quality counters show up.</summary>
    private static async Task<IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)>> ScrapeAsync(HttpClient http)
    {
        var text = string.Empty;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (text.Contains("switchboard_quality_country_answered_seconds_total", StringComparison.Ordinal)
                && text.Contains("switchboard_edge_trunk_transitions_total", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(250);
        }

        return [.. text.Split('\n').Select(l => Sample().Match(l)).Where(m => m.Success).Select(m => (
            m.Groups["name"].Value,
            m.Groups["label"].Captures.Select((c, i) => (c.Value, m.Groups["value"].Captures[i].Value)).ToDictionary(p => p.Item1, p => p.Item2),
            double.Parse(m.Groups["sample"].Value, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    // One sample line of the Prometheus text format: name{key="value",...} value [timestamp].
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?:(?<label>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)"",?)*\} (?<sample>\S+)")]
    private static partial Regex Sample();

    // Seven or more digits look like a phone or account number.
    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex LongDigits();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$|:.*:")]
    private static partial Regex IpAddress();
}
