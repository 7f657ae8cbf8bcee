using System.Diagnostics.Metrics;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Observability;

/// <summary>
/// RFC 3261 §17 transaction figures of this edge on the <c>Switchboard.Edge</c> meter: transactions started and in
/// the tables, and retransmissions absorbed (in) or sent (out, Timer A/E). A climbing retransmission rate is the
/// first sign of packet loss or an overloaded peer, well before calls fail.
/// </summary>
public sealed class SipTransactionMetrics
{
    private readonly Counter<long> _transactions;
    private readonly Counter<long> _retransmissions;

    public SipTransactionMetrics(IMeterFactory meterFactory, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(EdgeMetrics.MeterName);
        _transactions = meter.CreateCounter<long>("switchboard.edge.sip.transactions", "{transaction}", "SIP transactions started, by kind (server, client)");
        _retransmissions = meter.CreateCounter<long>("switchboard.edge.sip.retransmissions", "{message}", "SIP retransmissions, received (in) or sent (out)");

        // The tables take this class as a dependency, so they are looked up at collection time, not injected.
        meter.CreateObservableUpDownCounter("switchboard.edge.sip.transactions.active", () => new[]
        {
            new Measurement<int>(services.GetService<ServerTransactionTable>()?.Count ?? 0, Kind("server")),
            new Measurement<int>(services.GetService<ClientTransactionTable>()?.Count ?? 0, Kind("client")),
        }, "{transaction}", "SIP transactions held in the tables (including the 32 s linger)");
    }

    public void ServerTransactionStarted() => _transactions.Add(1, Kind("server"));

    public void ClientTransactionStarted() => _transactions.Add(1, Kind("client"));

    /// <summary>A request that matched an existing server transaction: the last response was resent.</summary>
    public void RetransmissionReceived() => _retransmissions.Add(1, new KeyValuePair<string, object?>("direction", "in"));

    /// <summary>A request sent again by a client transaction's timer.</summary>
    public void RetransmissionSent() => _retransmissions.Add(1, new KeyValuePair<string, object?>("direction", "out"));

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);
}
