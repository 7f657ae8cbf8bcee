using System.Diagnostics.Metrics;

namespace Switchboard.Sip.Transports;

/// <summary>
/// Publishes the hub's <see cref="SipTransportStats"/> as observable counters on the <c>Switchboard.Sip</c> meter,
/// tagged with the transport (<c>udp</c>, <c>tcp</c>, <c>tls</c>). Reading happens at collection time, so the
/// hot path only does its interlocked increments.
/// </summary>
public sealed class SipTransportMetrics : IDisposable
{
    public const string MeterName = "Switchboard.Sip";

    private readonly Meter _meter;
    private readonly IReadOnlyList<ISipTransport> _transports;

    public SipTransportMetrics(SipTransportHub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _transports = hub.Transports;
        _meter = new Meter(MeterName);
        Counter("switchboard.sip.transport.messages.received", "{message}", s => s.MessagesReceived);
        Counter("switchboard.sip.transport.messages.sent", "{message}", s => s.MessagesSent);
        Counter("switchboard.sip.transport.bytes.received", "By", s => s.BytesReceived);
        Counter("switchboard.sip.transport.bytes.sent", "By", s => s.BytesSent);
        Counter("switchboard.sip.transport.dropped.malformed", "{message}", s => s.MalformedDropped);
        Counter("switchboard.sip.transport.dropped.oversized", "{message}", s => s.OversizedDropped);
        Counter("switchboard.sip.transport.keepalives", "{ping}", s => s.KeepAlives);
        Counter("switchboard.sip.transport.send.failures", "{message}", s => s.SendFailures);
        Counter("switchboard.sip.transport.handler.failures", "{message}", s => s.HandlerFailures);
        Counter("switchboard.sip.transport.connections.accepted", "{connection}", s => s.ConnectionsAccepted);
        Counter("switchboard.sip.transport.connections.opened", "{connection}", s => s.ConnectionsOpened);
        Counter("switchboard.sip.transport.connections.closed", "{connection}", s => s.ConnectionsClosed);
        Counter("switchboard.sip.transport.connections.rejected", "{connection}", s => s.ConnectionsRejected);
        Counter("switchboard.sip.transport.connections.idle_closed", "{connection}", s => s.IdleConnectionsClosed);
        Counter("switchboard.sip.transport.tls.handshake_failures", "{handshake}", s => s.TlsHandshakeFailures);
    }

    private void Counter(string name, string unit, Func<SipTransportStats, long> read) =>
        _meter.CreateObservableCounter(name, () => Observe(read), unit);

    private IEnumerable<Measurement<long>> Observe(Func<SipTransportStats, long> read)
    {
        foreach (var transport in _transports)
        {
            yield return new Measurement<long>(read(transport.Stats), new KeyValuePair<string, object?>("transport", TransportTag(transport.Kind)));
        }
    }

    private static string TransportTag(SipTransportKind kind) => kind switch
    {
        SipTransportKind.Udp => "udp",
        SipTransportKind.Tcp => "tcp",
        _ => "tls",
    };

    public void Dispose() => _meter.Dispose();
}
