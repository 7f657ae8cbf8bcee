using System.Diagnostics.Metrics;
using Switchboard.Edge.Telemetry;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Observability;

/// <summary>
/// RFC 3261 §17 transaction figures of this edge on the <c>Switchboard.Edge</c> meter: transactions started and held
/// by the transaction layer, and retransmissions absorbed (in) or sent (out: Timer A/E/G, and the UA core's 2xx
/// retransmissions, §13.3.1.4). A climbing retransmission rate is the first sign of packet loss or an overloaded
/// peer, well before calls fail.
/// </summary>
public sealed class SipTransactionMetrics
{
    private readonly Counter<long> _transactions;
    private readonly Counter<long> _retransmissions;

    public SipTransactionMetrics(IMeterFactory meterFactory, SipTransactionLayer layer)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(layer);
        var meter = meterFactory.Create(EdgeMetrics.MeterName);
        _transactions = meter.CreateCounter<long>("switchboard.edge.sip.transactions", "{transaction}", "SIP transactions started, by kind (server, client)");
        _retransmissions = meter.CreateCounter<long>("switchboard.edge.sip.retransmissions", "{message}", "SIP retransmissions, received (in) or sent (out)");
        meter.CreateObservableUpDownCounter("switchboard.edge.sip.transactions.active", () => new[]
        {
            new Measurement<int>(layer.ServerTransactionCount, Kind("server")),
            new Measurement<int>(layer.ClientTransactionCount, Kind("client")),
        }, "{transaction}", "SIP transactions held by the transaction layer (including Timer D/J/K/L/M waits)");
        layer.RetransmissionSent += _ => RetransmissionSent();
    }

    public void ServerTransactionStarted() => _transactions.Add(1, Kind("server"));

    public void ClientTransactionStarted() => _transactions.Add(1, Kind("client"));

    /// <summary>A request that matched an existing server transaction: absorbed, the last response resent if due.</summary>
    public void RetransmissionReceived() => _retransmissions.Add(1, new KeyValuePair<string, object?>("direction", "in"));

    /// <summary>A request or response sent again by a timer.</summary>
    public void RetransmissionSent() => _retransmissions.Add(1, new KeyValuePair<string, object?>("direction", "out"));

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);
}
