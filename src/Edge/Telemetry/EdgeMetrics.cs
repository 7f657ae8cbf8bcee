using System.Diagnostics.Metrics;

namespace Switchboard.Edge.Telemetry;

/// <summary>
/// The edge's instruments on the <c>Switchboard.Edge</c> meter. Tags are bounded sets (method, status class,
/// transport, reason): never numbers, users or accounts, which would make one time series per customer.
/// </summary>
public sealed class EdgeMetrics
{
    public const string MeterName = "Switchboard.Edge";

    private readonly Meter _meter;
    private readonly Counter<long> _messagesIn;
    private readonly Counter<long> _messagesOut;
    private readonly Counter<long> _parseErrors;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _clusterRejections;
    private readonly Counter<long> _callsShed;
    private readonly UpDownCounter<long> _activeCalls;
    private readonly UpDownCounter<long> _activeRelays;
    private readonly Histogram<double> _setupLatency;
    private readonly Counter<long> _trunkTransitions;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _bansIssued;
    private readonly Counter<long> _mediaDropped;
    private readonly Counter<long> _relaysUnavailable;

    public EdgeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _meter = meter;
        _messagesIn = meter.CreateCounter<long>("switchboard.edge.sip.messages.in", "{message}", "SIP messages received, by method or response class");
        _messagesOut = meter.CreateCounter<long>("switchboard.edge.sip.messages.out", "{message}", "SIP messages sent, by method or response class");
        _parseErrors = meter.CreateCounter<long>("switchboard.edge.sip.parse_errors", "{message}", "Datagrams or stream frames that were not valid SIP");
        _authFailures = meter.CreateCounter<long>("switchboard.edge.auth.failures", "{request}", "Digest authentication failures, by reason");
        _clusterRejections = meter.CreateCounter<long>("switchboard.edge.cluster.rejections", "{request}", "Requests answered 503 because the cluster was unreachable");
        _callsShed = meter.CreateCounter<long>("switchboard.edge.calls.shed", "{call}", "Initial INVITEs answered 503 because Sip:MaxCallsInSetup calls were in set-up");
        _activeCalls = meter.CreateUpDownCounter<long>("switchboard.edge.calls.active", "{call}", "Calls with a B2BUA on this edge");
        _activeRelays = meter.CreateUpDownCounter<long>("switchboard.edge.media.relays.active", "{relay}", "RTP relays open on this edge");
        _setupLatency = meter.CreateHistogram<double>("switchboard.edge.call.setup.duration", "ms", "INVITE received to 2xx sent to the caller");
        _trunkTransitions = meter.CreateCounter<long>("switchboard.edge.trunk.transitions", "{transition}", "Carrier servers going down or up by their OPTIONS pings");
        _dropped = meter.CreateCounter<long>("switchboard.edge.security.dropped", "{message}", "SIP messages dropped unanswered, by reason (banned source, scanner User-Agent)");
        _bansIssued = meter.CreateCounter<long>("switchboard.edge.security.bans.issued", "{ban}", "Source addresses banned by the cluster after failures this edge reported");
        _mediaDropped = meter.CreateCounter<long>("switchboard.edge.media.dropped", "{packet}", "RTP/RTCP packets dropped because they came from a source other than the latched one");
        _relaysUnavailable = meter.CreateCounter<long>("switchboard.edge.media.relays.unavailable", "{call}", "Calls whose media went end to end because the relay port range was full");
    }

    public void MessageIn(string methodOrClass) => _messagesIn.Add(1, new KeyValuePair<string, object?>("sip.message", Bounded(methodOrClass)));

    public void MessageOut(string methodOrClass) => _messagesOut.Add(1, new KeyValuePair<string, object?>("sip.message", Bounded(methodOrClass)));

    public void ParseError(string transport) => _parseErrors.Add(1, new KeyValuePair<string, object?>("transport", transport));

    public void AuthFailure(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CallShed() => _callsShed.Add(1);

    public void ClusterRejection(string method) => _clusterRejections.Add(1, new KeyValuePair<string, object?>("sip.method", method));

    /// <summary>Reports the size of the edge's copy of the ban list as <c>switchboard.edge.security.bans.active</c>.</summary>
    public void ObserveActiveBans(Func<int> count) => _meter.CreateObservableGauge("switchboard.edge.security.bans.active", count, "{ban}", "Source addresses in this edge's copy of the cluster's ban list");

    public void Dropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void BanIssued() => _bansIssued.Add(1);

    public void MediaDropped() => _mediaDropped.Add(1);

    public void CallStarted() => _activeCalls.Add(1);

    public void CallEnded() => _activeCalls.Add(-1);

    public void RelayOpened() => _activeRelays.Add(1);

    public void RelayClosed() => _activeRelays.Add(-1);

    public void RelayUnavailable() => _relaysUnavailable.Add(1);

    public void CallSetup(TimeSpan latency) => _setupLatency.Record(latency.TotalMilliseconds);

    public void TrunkTransition(bool up) => _trunkTransitions.Add(1, new KeyValuePair<string, object?>("state", up ? "up" : "down"));

    // A method is any token (RFC 3261 §25.1): a peer sending random method names must not mint one series each.
    private static readonly HashSet<string> KnownLabels = new(StringComparer.Ordinal)
    {
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER",
        "MESSAGE", "UPDATE", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx", "other",
    };

    private static string Bounded(string methodOrClass) => KnownLabels.Contains(methodOrClass) ? methodOrClass : "extension";

    /// <summary>"2xx", "4xx"…: a status code folded to its class (RFC 3261 §7.2) so the tag set stays small.</summary>
    public static string ResponseClass(int statusCode) => statusCode switch
    {
        >= 100 and < 200 => "1xx",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        >= 500 and < 600 => "5xx",
        >= 600 and < 700 => "6xx",
        _ => "other",
    };
}
