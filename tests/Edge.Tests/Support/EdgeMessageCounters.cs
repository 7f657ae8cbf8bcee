using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// The SIP message counters of one edge (messages in and out by method or response class, parse errors), listened to
/// while a test runs. Only that edge's meter is heard: its host's <see cref="IMeterFactory"/> is the meter's scope.
/// </summary>
public sealed class EdgeMessageCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public EdgeMessageCounters(EdgeTestHost edge)
    {
        var scope = edge.Host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EdgeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope)
                && instrument.Name.StartsWith("switchboard.edge.sip.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var label = tags.Length > 0 ? (string?)tags[0].Value : null;
            _counts.AddOrUpdate($"{instrument.Name}|{label}", value, (_, sum) => sum + value);
            _counts.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>Messages received with this method or response class label (<c>OPTIONS</c>, <c>2xx</c>).</summary>
    public long In(string label) => _counts.GetValueOrDefault($"switchboard.edge.sip.messages.in|{label}");

    /// <summary>Messages sent, whatever their label.</summary>
    public long Out => _counts.GetValueOrDefault("switchboard.edge.sip.messages.out");

    /// <summary>Messages the parser or the inbound handler turned away.</summary>
    public long ParseErrors => _counts.GetValueOrDefault("switchboard.edge.sip.parse_errors");

    public void Dispose() => _listener.Dispose();
}
