using Switchboard.TestKit.Files;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Observability;

/// <summary>
/// deploy/grafana, deploy/prometheus and docs/observability.md name metrics as Prometheus shows them. A name that
/// no instrument produces is a panel that stays empty or an alert that never fires, and nothing else would say so.
/// Many series only appear after their first event, so the names are derived from every instrument the process
/// publishes (exporter naming rules below), and the rules are checked against a real scrape first.
/// </summary>
public sealed partial class DashboardMetricNamesTests
{
    private static readonly string[] ExportedMeters = ["Switchboard.", "Microsoft.Orleans", "Npgsql"];

    [Fact]
    public async Task GrafanaAlertsAndDocs_ReferenceOnlyMetricsTheSiloExports()
    {
        using var catalog = new InstrumentCatalog();
        await using var silo = await RunningSilo.StartAsync(postgres: true);
        await SendOptionsTwiceAsync(silo.SipPort);
        await WriteGrainStateAsync(silo);
        using var http = silo.CreateHttpClient();
        var scrape = await ScrapeAsync(http);

        // The naming rules must reproduce every family the exporter actually wrote.
        var derived = catalog.PrometheusNames();
        var scraped = TypeLine().Matches(scrape).Select(m => m.Groups[1].Value).Where(n => n != "target_info").ToHashSet();
        Assert.NotEmpty(scraped);
        Assert.Empty(scraped.Except(derived.Keys));

        var known = derived.SelectMany(d => d.Value ? [d.Key, d.Key + "_bucket", d.Key + "_sum", d.Key + "_count"] : new[] { d.Key })
            .Concat(LabelKey().Matches(scrape).Select(m => m.Groups[1].Value))
            .ToHashSet();
        foreach (var file in new[] { "deploy/grafana/switchboard.json", "deploy/prometheus/switchboard-alerts.yml", "docs/observability.md" })
        {
            var text = await File.ReadAllTextAsync(RepositoryFile.Find(file));
            var unknown = MetricName().Matches(text).Select(m => m.Value).Where(n => !n.EndsWith('_') && !known.Contains(n)).Distinct().ToList();
            Assert.True(unknown.Count == 0, $"{file} names metrics nothing exports: {string.Join(", ", unknown)}");
        }

        // A resent response is counted under its status class, like the first send (not as an unknown method).
        Assert.Matches(@"switchboard_edge_sip_messages_out_total\{[^}]*sip_message=""2xx""[^}]*\} 2(\s|$)", scrape);
        Assert.Matches(@"switchboard_edge_sip_retransmissions_total\{[^}]*direction=""in""[^}]*\} 1(\s|$)", scrape);
        Assert.DoesNotContain("sip_message=\"extension\"", scrape);
    }

    /// <summary>One OPTIONS and its retransmission (same branch, RFC 3261 §17.2.1): two 200s go out.</summary>
    private static async Task SendOptionsTwiceAsync(int sipPort)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        var options = Encoding.ASCII.GetBytes(
            $"OPTIONS sip:127.0.0.1:{sipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-names-1\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: names-1@127.0.0.1\r\n" +
            "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        var silo = new IPEndPoint(IPAddress.Loopback, sipPort);
        for (var i = 0; i < 2; i++)
        {
            await udp.SendAsync(options, silo);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var response = await udp.ReceiveAsync(timeout.Token);
            Assert.StartsWith("SIP/2.0 200", Encoding.ASCII.GetString(response.Buffer));
        }
    }

    /// <summary>
    /// A call to a number nobody has is refused and its state written: Orleans creates its storage instruments at
    /// the first read and write, and the dashboard plots them.
    /// </summary>
    private static async Task WriteGrainStateAsync(RunningSilo silo)
    {
        var leg = new LegDialog(
            $"leg-{Guid.NewGuid():N}", LegRole.Caller, "ours", "theirs", "sip:9999@demo", "sip:1001@demo", 1, 1, "sip:1001@127.0.0.1:5999",
            [], "edge-test", new TransportAddress(SipTransport.Udp, "127.0.0.1", 5999), null, null);
        var decision = await silo.GrainFactory.GetGrain<ICallGrain>(CallKeys.NewCallId()).Start(new CallStart(
            new CallOrigin(CallOriginKind.Extension, "demo", "1001", null, "1001", null), "9999", "sip:9999@demo", leg));
        Assert.False(decision.Accepted);
    }

    /// <summary>The exporter registers series lazily; scrape until the edge's counters show up (bounded).</summary>
    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        var text = string.Empty;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            text = await http.GetStringAsync("/metrics");
            if (text.Contains("switchboard_edge_sip_retransmissions_total", StringComparison.Ordinal)
                && text.Contains("db_client_operation_duration_seconds", StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(250);
        }

        return text;
    }

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"[{,]([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"\b(?:switchboard|orleans|db_client)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    /// <summary>Every instrument of the exported meters that this process has created, with its kind and unit.</summary>
    private sealed class InstrumentCatalog : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);

        public InstrumentCatalog()
        {
            _listener.InstrumentPublished = (instrument, _) =>
            {
                if (ExportedMeters.Any(m => instrument.Meter.Name.StartsWith(m, StringComparison.Ordinal)))
                {
                    lock (_instruments)
                    {
                        _instruments[instrument.Meter.Name + "/" + instrument.Name] = instrument;
                    }
                }
            };
            _listener.Start();
        }

        /// <summary>Prometheus family name → whether it is a histogram.</summary>
        public Dictionary<string, bool> PrometheusNames()
        {
            lock (_instruments)
            {
                return _instruments.Values.GroupBy(PrometheusName).ToDictionary(g => g.Key, g => g.Any(IsHistogram));
            }
        }

        public void Dispose() => _listener.Dispose();

        // OpenTelemetry's Prometheus compatibility rules: invalid characters become '_', the unit (annotations in
        // braces dropped, UCUM abbreviations spelled out) is appended unless already there, monotonic sums get _total.
        private static string PrometheusName(Instrument instrument)
        {
            var name = InvalidCharacter().Replace(instrument.Name, "_");
            var unit = Unit(instrument.Unit);
            if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
            {
                name += "_" + unit;
            }

            return IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        }

        private static string Unit(string? unit) => Annotation().Replace(unit ?? string.Empty, string.Empty) switch
        {
            "ms" => "milliseconds",
            "s" => "seconds",
            "By" => "bytes",
            "MB" => "megabytes",
            "1" => string.Empty,
            var other => InvalidCharacter().Replace(other, "_"),
        };

        private static bool IsCounter(Instrument instrument) => GenericKind(instrument) is { } kind
            && (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>));

        private static bool IsHistogram(Instrument instrument) => GenericKind(instrument) == typeof(Histogram<>);

        private static Type? GenericKind(Instrument instrument) =>
            instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;
    }

    [GeneratedRegex(@"[^a-zA-Z0-9_:]")]
    private static partial Regex InvalidCharacter();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Annotation();
}
